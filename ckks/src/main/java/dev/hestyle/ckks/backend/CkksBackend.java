package dev.hestyle.ckks.backend;

import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.engine.CkksEngine;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.ckks.plan.Plan;
import dev.hestyle.ckks.plan.Planner;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.tensor.Shape;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Backend} of every CKKS engine: plans the graph with the shared {@link Planner}, asks the
 * engine for parameters that fit the plan, and hands out clients and servers that run the shared program.
 * An engine's provider creates it with {@code new CkksBackend(engine, encrypts)}.
 */
public class CkksBackend implements Backend {
    private static final Logger log = LoggerFactory.getLogger(CkksBackend.class);

    private final CkksEngine engine;
    private final boolean encrypts;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param engine the engine; this backend owns it and closes it
     * @param encrypts whether the engine computes on real ciphertexts ({@code false} for a simulator)
     */
    public CkksBackend(CkksEngine engine, boolean encrypts) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.encrypts = encrypts;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public boolean encrypts() {
        return encrypts;
    }

    /** The engine this backend runs on. */
    public CkksEngine engine() {
        return engine;
    }

    @Override
    public CkksCompiledModel compile(Sequential graph, Shape inputShape, CompileOptions options) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(options, "options");
        if (closed.get()) {
            throw new IllegalStateException("backend " + name() + " is closed");
        }
        options.security().checkAllowed();
        Capabilities caps = engine.capabilities(options.security());
        Plan plan = Planner.plan(graph, inputShape, options, caps);
        checkBatch(plan, options, caps);
        ParameterRequest request = plan.parameterRequest(options.batch());
        CkksParameters params;
        try {
            params = engine.parameters(request);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedGraphException("engine '" + name() + "' has no parameter set for " + request + ": " + e.getMessage());
        }
        plan = plan.adaptTo(params, options.batch());
        log.debug("{} on {}: {}", graph.name(), name(), plan);
        return new CkksCompiledModel(engine, params, plan, options.batch(), encrypts, options.progress());
    }

    /**
     * A batch needs a non-interactive plan (a client round trip would see every image) and room for all its images in
     * the ciphertexts the engine offers such a plan.
     */
    private void checkBatch(Plan plan, CompileOptions options, Capabilities caps) {
        int batch = options.batch();
        if (batch == 1) {
            return;
        }
        if (options.mode() != Mode.NON_INTERACTIVE) {
            throw new UnsupportedGraphException("a batch of " + batch + " images per ciphertext needs the non-interactive mode");
        }
        int room = caps.slotsFor(plan.program().needsBootstrapping());
        long needed = (long) plan.program().slots() * batch;
        if (needed > room) {
            throw new UnsupportedGraphException("a batch of " + batch + " images needs " + needed + " slots per ciphertext ("
                    + plan.program().slots() + " per image); engine '" + name() + "' offers this plan " + room
                    + (room >= 2L * plan.program().slots() ? ", room for " + Integer.highestOneBit(room / plan.program().slots()) : ""));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            engine.close();
        }
    }
}
