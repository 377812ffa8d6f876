package dev.hestyle.spark;

import dev.hestyle.ckks.backend.CiphertextLevel;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job (1): one image, its graph's work spread over the cluster. Each {@link Phase} is one Spark job with one
 * task per {@link TaskSpec}. Ciphertexts pass between phases as files in the wire format, in a fresh folder of
 * the job's exchange folder (a path every executor shares): a task reads the ones it needs one at a time and
 * writes the ones it makes, and the driver deletes each once its last reader has run. So neither the driver nor
 * an executor holds a phase's ciphertexts in its heap (at 128x128 at 128 bits the hoisted rotations of one layer
 * are gigabytes). The driver itself touches public ciphertexts only: the input and the output. Every operation
 * reads fixed operands, so the result is the local executor's, whichever executor ran what and however often
 * Spark retried a task.
 */
public final class DistributedGraphJob {
    private static final Logger log = LoggerFactory.getLogger(DistributedGraphJob.class);
    private final JavaSparkContext sc;
    private final DriverModel model;
    private final TaskHook hook;
    private final String exchange;

    public DistributedGraphJob(JobContext context) {
        this.sc = context.spark();
        this.model = context.model();
        this.hook = context.hook();
        this.exchange = context.exchange();
    }

    /**
     * Evaluates the network on the encrypted {@code input}; the caller owns (and closes) the result.
     *
     * @param progress receives {@code ("eval", operations done, operations)}
     * @throws dev.hestyle.api.WireFormatException if {@code input} is not the network input of the job's key set
     * @throws IllegalArgumentException if the master is not local and the job has no exchange folder
     * @throws UncheckedIOException if the exchange folder cannot be written or read
     */
    public Ciphertext run(Ciphertext input, ProgressListener progress) {
        ProgressListener p = progress == null ? ProgressListener.NONE : progress;
        CiphertextLevel level = model.level();
        CtGraph graph = level.graph();
        String keyId = model.setup().keyId();
        String folder = jobFolder();
        try {
            Ct[] in = level.inputs(input, keyId);
            for (int k = 0; k < in.length; k++) {
                SharedFiles.writeAtomically(valuePath(folder, k), level.write(in[k], keyId), "driver");
            }
            List<Phase> phases = model.phases();
            int[] pendingReads = pendingReads(graph, phases);
            Set<Integer> outputs = new HashSet<>();
            for (int v : graph.outputs()) {
                outputs.add(v);
            }
            long done = 0;
            long total = graph.ops().size();
            for (Phase phase : phases) {
                String label = "phase " + (phase.index() + 1) + "/" + phases.size() + ": " + graph.stepLabel(phase.step());
                sc.setJobDescription("hestyle " + label + " (" + phase.tasks().size() + " tasks)");
                JobProgress.await(sc, sc.parallelize(phase.tasks(), phase.tasks().size())
                        .map(new RunTask(model.setup(), hook, folder)).collectAsync(), p, "eval", done, phase.operations(), total);
                log.debug("{}: {} tasks, {} operations", label, phase.tasks().size(), phase.operations());
                release(phase, folder, pendingReads, outputs);
                done += phase.operations();
            }
            int[] results = graph.outputs();
            Ct[] out = new Ct[results.length];
            for (int k = 0; k < results.length; k++) {
                out[k] = level.read(SharedFiles.readAll(valuePath(folder, results[k])), keyId);
            }
            return level.output(out, keyId);
        } catch (IOException e) {
            throw new UncheckedIOException("the exchange folder " + folder + ": " + e.getMessage(), e);
        } finally {
            try {
                SharedFiles.delete(folder);
            } catch (IOException e) {
                log.warn("could not delete the exchange folder {}: {}", folder, e.getMessage());
            }
        }
    }

    /** A fresh folder for this run's ciphertexts. */
    private String jobFolder() {
        String name = "hestyle-" + UUID.randomUUID();
        if (exchange != null) {
            return SharedFiles.child(exchange, name);
        }
        if (!sc.isLocal()) {
            throw new IllegalArgumentException("a job on master " + sc.master() + " needs an exchange folder that every executor "
                    + "shares (spark-run --exchange-dir, e.g. on the cluster's distributed file system)");
        }
        try {
            return Files.createTempDirectory("hestyle-exchange").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary exchange folder: " + e.getMessage(), e);
        }
    }

    static String valuePath(String folder, int value) {
        return SharedFiles.child(folder, "v" + value + ".ct");
    }

    /** For every value, how many tasks read it. */
    private static int[] pendingReads(CtGraph graph, List<Phase> phases) {
        int[] reads = new int[graph.valueCount()];
        for (Phase phase : phases) {
            for (TaskSpec t : phase.tasks()) {
                for (int v : t.inputs()) {
                    reads[v]++;
                }
            }
        }
        return reads;
    }

    /** Deletes the values whose last reader was in {@code phase}; graph outputs stay. */
    private static void release(Phase phase, String folder, int[] pendingReads, Set<Integer> outputs) throws IOException {
        for (TaskSpec t : phase.tasks()) {
            for (int v : t.inputs()) {
                if (--pendingReads[v] == 0 && !outputs.contains(v)) {
                    SharedFiles.delete(valuePath(folder, v));
                }
            }
        }
    }

    /** The function of one task: static state only, so that a closure never drags the driver's objects along. */
    private static final class RunTask implements Function<TaskSpec, Integer> {
        private static final long serialVersionUID = 1L;
        private final ExecutorSetup setup;
        private final TaskHook hook;
        private final String folder;

        RunTask(ExecutorSetup setup, TaskHook hook, String folder) {
            this.setup = setup;
            this.hook = hook;
            this.folder = folder;
        }

        @Override
        public Integer call(TaskSpec task) {
            String name = task.toString();
            if (task.inputs().length == 0) {
                hook.beforeTask(name, Map.of());
            }
            TaskContext context = TaskContext.get();
            String attempt = context == null ? UUID.randomUUID().toString() : Long.toString(context.taskAttemptId());
            PartTask.run(ExecutorResources.get(setup), setup.keyId(), task, id -> {
                byte[] bytes = read(valuePath(folder, id));
                hook.beforeTask(name, Map.of(Integer.toString(id), bytes));
                return bytes;
            }, (id, bytes) -> write(valuePath(folder, id), bytes, attempt));
            return task.index();
        }

        private static byte[] read(String path) {
            try {
                return SharedFiles.readAll(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }

        private static void write(String path, byte[] bytes, String attempt) {
            try {
                SharedFiles.writeAtomically(path, bytes, attempt);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
