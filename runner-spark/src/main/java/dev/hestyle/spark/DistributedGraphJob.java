package dev.hestyle.spark;

import dev.hestyle.ckks.backend.CiphertextLevel;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ProgressListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Job (1): one image, its graph's work spread over the cluster. Each {@link Phase} is one Spark job with one
 * task per {@link TaskSpec}; the ciphertexts a phase reads are broadcast in the wire format (each executor
 * fetches them once, whatever its number of tasks), and the ciphertexts it makes come back to the driver,
 * which keeps each only until its last reader has run. The driver holds public ciphertexts only. Every
 * operation reads fixed operands, so the result is the local executor's, whichever executor ran what and
 * however often Spark retried a task.
 */
public final class DistributedGraphJob {
    private static final Logger log = LoggerFactory.getLogger(DistributedGraphJob.class);
    private final JavaSparkContext sc;
    private final DriverModel model;
    private final TaskHook hook;

    public DistributedGraphJob(JobContext context) {
        this.sc = context.spark();
        this.model = context.model();
        this.hook = context.hook();
    }

    /**
     * Evaluates the network on the encrypted {@code input}; the caller owns (and closes) the result.
     *
     * @param progress receives {@code ("eval", operations done, operations)}
     * @throws dev.hestyle.api.WireFormatException if {@code input} is not the network input of the job's key set
     */
    public Ciphertext run(Ciphertext input, ProgressListener progress) {
        ProgressListener p = progress == null ? ProgressListener.NONE : progress;
        CiphertextLevel level = model.level();
        CtGraph graph = level.graph();
        String keyId = model.setup().keyId();
        Map<Integer, byte[]> values = new HashMap<>();
        Ct[] in = level.inputs(input, keyId);
        for (int k = 0; k < in.length; k++) {
            values.put(k, level.write(in[k], keyId));
        }
        List<Phase> phases = model.phases();
        int[] pendingReads = pendingReads(graph, phases);
        long done = 0;
        long total = graph.ops().size();
        for (Phase phase : phases) {
            String label = "phase " + (phase.index() + 1) + "/" + phases.size() + ": " + graph.stepLabel(phase.step());
            sc.setJobDescription("hestyle " + label + " (" + phase.tasks().size() + " tasks)");
            Map<Integer, byte[]> results = runPhase(phase, values, p, done, total);
            log.debug("{}: {} tasks, {} operations, {} values out", label, phase.tasks().size(), phase.operations(), results.size());
            values.putAll(results);
            release(phase, values, pendingReads, graph);
            done += phase.operations();
        }
        int[] outputs = graph.outputs();
        Ct[] out = new Ct[outputs.length];
        for (int k = 0; k < outputs.length; k++) {
            out[k] = level.read(values.get(outputs[k]), keyId);
        }
        return level.output(out, keyId);
    }

    private Map<Integer, byte[]> runPhase(Phase phase, Map<Integer, byte[]> values, ProgressListener p, long done, long total) {
        HashMap<Integer, byte[]> needed = new HashMap<>();
        for (TaskSpec t : phase.tasks()) {
            for (int v : t.inputs()) {
                needed.put(v, values.get(v));
            }
        }
        Broadcast<HashMap<Integer, byte[]>> shipped = sc.broadcast(needed);
        try {
            List<Tuple2<Integer, byte[]>> made = JobProgress.await(sc, sc.parallelize(phase.tasks(), phase.tasks().size())
                    .flatMap(new RunTask(model.setup(), hook, shipped)).collectAsync(), p, "eval", done, phase.operations(), total);
            Map<Integer, byte[]> results = new HashMap<>();
            for (Tuple2<Integer, byte[]> r : made) {
                results.put(r._1(), r._2());
            }
            return results;
        } finally {
            shipped.destroy();
        }
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

    /** Drops the values whose last reader was in {@code phase}; graph outputs stay. */
    private static void release(Phase phase, Map<Integer, byte[]> values, int[] pendingReads, CtGraph graph) {
        Set<Integer> outputs = new HashSet<>();
        for (int v : graph.outputs()) {
            outputs.add(v);
        }
        for (TaskSpec t : phase.tasks()) {
            for (int v : t.inputs()) {
                if (--pendingReads[v] == 0 && !outputs.contains(v)) {
                    values.remove(v);
                }
            }
        }
    }

    /** The function of one task: static state only, so that a closure never drags the driver's objects along. */
    private static final class RunTask implements FlatMapFunction<TaskSpec, Tuple2<Integer, byte[]>> {
        private static final long serialVersionUID = 1L;
        private final ExecutorSetup setup;
        private final TaskHook hook;
        private final Broadcast<HashMap<Integer, byte[]>> values;

        RunTask(ExecutorSetup setup, TaskHook hook, Broadcast<HashMap<Integer, byte[]>> values) {
            this.setup = setup;
            this.hook = hook;
            this.values = values;
        }

        @Override
        public Iterator<Tuple2<Integer, byte[]>> call(TaskSpec task) {
            Map<Integer, byte[]> all = values.value();
            Map<String, byte[]> mine = new LinkedHashMap<>();
            for (int v : task.inputs()) {
                mine.put(Integer.toString(v), all.get(v));
            }
            hook.beforeTask(task.toString(), mine);
            return PartTask.run(ExecutorResources.get(setup), setup.keyId(), task, all).iterator();
        }
    }
}
