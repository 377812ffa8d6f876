package dev.hestyle.spark;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.ckks.backend.CiphertextLevel;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.graph.LocalExecutor;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.spi.Server;

/**
 * What one executor JVM holds for one job: the compiled model and the evaluation keys, and, made on first
 * use, either a server (the batch job runs whole images) or an evaluator with the local executor that runs
 * parts of the graph (the distributed job). Never both unless asked: each sets up the engine's bootstrapping
 * over the keys. Made once per JVM by {@link ExecutorResources}; closing frees the keys' native memory.
 */
final class LoadedModel implements AutoCloseable {
    private final StyleTransfer model;
    private final CiphertextLevel level;
    private final EvaluationKeys keys;
    private final int threadsPerTask;
    private Evaluator evaluator;
    private LocalExecutor executor;
    private Server server;

    LoadedModel(StyleTransfer model, EvaluationKeys keys, int threadsPerTask) {
        this.model = model;
        this.level = CiphertextLevel.of(model.compiled());
        this.keys = keys;
        this.threadsPerTask = threadsPerTask;
    }

    CompiledModel compiled() {
        return model.compiled();
    }

    CiphertextLevel level() {
        return level;
    }

    /** The evaluator parts of the graph run on; shared by the tasks of this JVM. */
    synchronized Evaluator evaluator() {
        if (evaluator == null) {
            evaluator = level.evaluator(keys);
        }
        return evaluator;
    }

    /** Runs parts of the graph with as many threads as a task has cores (when the evaluator allows it). */
    synchronized LocalExecutor executor() {
        if (executor == null) {
            executor = new LocalExecutor(evaluator().concurrent() ? threadsPerTask : 1);
        }
        return executor;
    }

    /** Runs whole images. */
    synchronized Server server() {
        if (server == null) {
            server = model.compiled().newServer(keys);
        }
        return server;
    }

    @Override
    public synchronized void close() {
        // reverse order of dependence: what runs on the keys, then the keys, then the model and its backend
        try (StyleTransfer m = model; AutoCloseable k = keys instanceof AutoCloseable c ? c : null; Evaluator e = evaluator;
             LocalExecutor x = executor; Server s = server) {
            evaluator = null;
            executor = null;
            server = null;
        } catch (Exception e) {
            throw new IllegalStateException("could not free the executor's model and keys: " + e.getMessage(), e);
        }
    }
}
