package dev.hestyle.ckks.graph;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the time of one run went: thread-seconds per tensor-level step and operation kind, recorded by an
 * executor as operations finish. With several threads the figures add up to more than the wall time.
 * Thread-safe.
 */
public final class StepTimes {
    private static final OpKind[] KINDS = OpKind.values();
    private final int steps;
    private final AtomicLongArray nanos;

    /** Times for a graph with {@code steps} tensor-level steps. */
    public StepTimes(int steps) {
        this.steps = steps;
        this.nanos = new AtomicLongArray(Math.max(1, steps) * KINDS.length);
    }

    /** Adds {@code nanos} spent on an operation of {@code kind} belonging to {@code step}. */
    public void record(int step, OpKind kind, long nanos) {
        if (step >= 0 && step < steps) {
            this.nanos.addAndGet(step * KINDS.length + kind.ordinal(), nanos);
        }
    }

    /**
     * Per step (by its label in {@code graph}), the thread-seconds of each operation kind that took any time and
     * their total, e.g. {@code {"linear at model.0": {"total": 1.2, "hoist": 0.4, "mul_plain": 0.6, ...}}}.
     */
    public Map<String, Map<String, Double>> bySteps(CtGraph graph) {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        for (int s = 0; s < steps; s++) {
            Map<String, Double> k = new LinkedHashMap<>();
            long total = 0;
            for (OpKind kind : KINDS) {
                long n = nanos.get(s * KINDS.length + kind.ordinal());
                if (n > 0) {
                    k.put(kind.name().toLowerCase(Locale.ROOT), seconds(n));
                    total += n;
                }
            }
            if (total > 0) {
                Map<String, Double> withTotal = new LinkedHashMap<>();
                withTotal.put("total", seconds(total));
                withTotal.putAll(k);
                m.put("#" + s + " " + graph.stepLabel(s), withTotal);
            }
        }
        return m;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }
}
