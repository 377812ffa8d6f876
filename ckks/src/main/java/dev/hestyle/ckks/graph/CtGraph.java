package dev.hestyle.ckks.graph;

import dev.hestyle.ckks.engine.ActivationInterval;
import dev.hestyle.spi.OpCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ciphertext-level program: operations in an order in which every value is written before it is read
 * (the order they were built in). Values {@code 0 .. inputs-1} are the input ciphertexts; {@link #outputs()}
 * are the result. Immutable once built by {@link GraphBuilder}.
 */
public final class CtGraph {
    private final int slots;
    private final int inputs;
    private final List<Op> ops;
    private final int[] outputs;
    private final int valueCount;
    private final List<PlainSource> plains;
    private final List<ActivationInterval> intervals;
    private final List<String> stepLabels;
    private final int[] uses;
    private volatile int[][] consumers;

    CtGraph(int slots, int inputs, List<Op> ops, int[] outputs, int valueCount, List<PlainSource> plains,
            List<ActivationInterval> intervals, List<String> stepLabels) {
        this.slots = slots;
        this.inputs = inputs;
        this.ops = List.copyOf(ops);
        this.outputs = outputs.clone();
        this.valueCount = valueCount;
        this.plains = List.copyOf(plains);
        this.intervals = List.copyOf(intervals);
        this.stepLabels = List.copyOf(stepLabels);
        this.uses = new int[valueCount];
        for (Op op : this.ops) {
            for (int a : op.args()) {
                uses[a]++;
            }
        }
    }

    /** Slots per ciphertext. */
    public int slots() {
        return slots;
    }

    /** Number of input ciphertexts (values {@code 0 .. inputs-1}). */
    public int inputs() {
        return inputs;
    }

    public List<Op> ops() {
        return ops;
    }

    /** Value ids of the result, in order. */
    public int[] outputs() {
        return outputs.clone();
    }

    /** Number of values (inputs included). */
    public int valueCount() {
        return valueCount;
    }

    /** Plaintext {@code id}. */
    public PlainSource plain(int id) {
        return plains.get(id);
    }

    /** Activation interval {@code id} of a {@link OpKind#RANGE_CHECK}. */
    public ActivationInterval interval(int id) {
        return intervals.get(id);
    }

    /** Label of tensor-level step {@code step}, e.g. {@code "relu at model.3/0"}. */
    public String stepLabel(int step) {
        return step >= 0 && step < stepLabels.size() ? stepLabels.get(step) : "step " + step;
    }

    /** Number of tensor-level steps the operations are attributed to. */
    public int stepCount() {
        return stepLabels.size();
    }

    /** How many operand references value {@code v} has (an operation reading it twice counts twice). */
    int uses(int v) {
        return uses[v];
    }

    /** For every value, the operations that read it (each once, ascending). */
    int[][] consumers() {
        int[][] c = consumers;
        if (c == null) {
            int[] count = new int[valueCount];
            int[][] lists = new int[valueCount][];
            for (Op op : ops) {
                int prev = -1;
                for (int a : sortedArgs(op)) {
                    if (a != prev) {
                        count[a]++;
                    }
                    prev = a;
                }
            }
            for (int v = 0; v < valueCount; v++) {
                lists[v] = new int[count[v]];
                count[v] = 0;
            }
            for (int i = 0; i < ops.size(); i++) {
                int prev = -1;
                for (int a : sortedArgs(ops.get(i))) {
                    if (a != prev) {
                        lists[a][count[a]++] = i;
                    }
                    prev = a;
                }
            }
            c = lists;
            consumers = c;
        }
        return c;
    }

    /** The distinct values op reads (ascending). */
    static int[] sortedArgs(Op op) {
        int[] a = op.args().clone();
        java.util.Arrays.sort(a);
        return a;
    }

    /** Operations of one evaluation, counted as {@link dev.hestyle.ckks.program.CountingEvaluator} counts them. */
    public OpCounts cost() {
        OpCounts total = OpCounts.ZERO;
        for (OpCounts c : costByStep()) {
            total = total.plus(c);
        }
        return total;
    }

    /** Operations attributed to each tensor-level step. */
    public List<OpCounts> costByStep() {
        long[][] c = new long[stepLabels.size()][4];
        for (Op op : ops) {
            long[] s = c[op.step()];
            switch (op.kind()) {
                case ROTATE, HOIST -> {
                    for (int st : op.steps()) {
                        s[0] += Math.floorMod(st, slots) != 0 ? 1 : 0;
                    }
                }
                case MUL -> s[1]++;
                case MUL_PLAIN, MUL_CONST -> s[2]++;
                case BOOTSTRAP -> s[3]++;
                default -> {
                }
            }
        }
        List<OpCounts> l = new ArrayList<>();
        for (long[] s : c) {
            l.add(new OpCounts(s[0], s[1], s[2], s[3]));
        }
        return Collections.unmodifiableList(l);
    }

    /** Every rotation step used, normalised into {@code 1..slots-1}. */
    public Set<Integer> rotationSteps() {
        Set<Integer> s = new TreeSet<>();
        for (Op op : ops) {
            for (int st : op.steps()) {
                int m = Math.floorMod(st, slots);
                if (m != 0) {
                    s.add(m);
                }
            }
        }
        return Collections.unmodifiableSet(s);
    }

    @Override
    public String toString() {
        return "CtGraph[" + inputs + " inputs, " + ops.size() + " operations, " + outputs.length + " outputs]";
    }
}
