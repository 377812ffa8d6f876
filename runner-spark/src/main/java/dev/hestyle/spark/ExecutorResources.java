package dev.hestyle.spark;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.ckks.backend.CiphertextLevel;
import dev.hestyle.spi.EvaluationKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM cache of executors: one {@link LoadedModel} per (key path, parameter hash), loaded on first
 * use by the first task that needs it and kept for the JVM's life, so that gigabytes of evaluation keys are
 * read once per executor, never shipped with a task. Keys are read from the path every executor shares.
 */
final class ExecutorResources {
    private static final Logger log = LoggerFactory.getLogger(ExecutorResources.class);
    private static final Map<String, LoadedModel> LOADED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorResources::closeAll, "hestyle-executor-cleanup"));
    }

    private ExecutorResources() {
    }

    /**
     * The model and keys of {@code setup}, loaded if this JVM has not yet.
     *
     * @throws PlanMismatchException if this machine compiles the model to another plan than the driver did
     * @throws dev.hestyle.api.WireFormatException if the key file is not evaluation keys of that plan and key set
     */
    static LoadedModel get(ExecutorSetup setup) {
        return LOADED.computeIfAbsent(setup.cacheKey(), k -> load(setup));
    }

    /** Frees every cached model and key set of this JVM (at shutdown, and in tests between jobs). */
    static void closeAll() {
        List<LoadedModel> all = new ArrayList<>(LOADED.values());
        LOADED.clear();
        for (LoadedModel m : all) {
            try {
                m.close();
            } catch (RuntimeException e) {
                log.warn("freeing an executor's model failed: {}", e.getMessage());
            }
        }
    }

    private static LoadedModel load(ExecutorSetup setup) {
        long t0 = System.nanoTime();
        StyleTransfer model = setup.model().compile();
        try {
            String hash = CiphertextLevel.of(model.compiled()).parameterHash();
            if (!hash.equals(setup.parameterHash())) {
                throw new PlanMismatchException("this executor compiled the model to parameter hash " + hash + " but the driver's is "
                        + setup.parameterHash() + ": check that every machine has the same checkpoint, hestyle build and native library");
            }
            EvaluationKeys keys = readKeys(model, setup);
            log.info("executor loaded the model and evaluation keys {} in {} s", setup.evalKeysPath(),
                    String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            return new LoadedModel(model, keys, taskCpus());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static EvaluationKeys readKeys(StyleTransfer model, ExecutorSetup setup) {
        EvaluationKeys keys;
        try (InputStream in = SharedFiles.open(setup.evalKeysPath())) {
            keys = model.compiled().readEvaluationKeys(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation keys " + setup.evalKeysPath() + ": " + e.getMessage(), e);
        }
        if (!keys.keyId().equals(setup.keyId())) {
            String found = keys.keyId();
            if (keys instanceof AutoCloseable c) {
                closeQuietly(c);
            }
            throw new PlanMismatchException("the evaluation keys at " + setup.evalKeysPath() + " are of key set " + found
                    + ", the job's ciphertexts of key set " + setup.keyId());
        }
        return keys;
    }

    private static int taskCpus() {
        SparkEnv env = SparkEnv.get();
        return env == null ? 1 : Math.max(1, env.conf().getInt("spark.task.cpus", 1));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("freeing evaluation keys failed: {}", e.getMessage());
        }
    }
}
