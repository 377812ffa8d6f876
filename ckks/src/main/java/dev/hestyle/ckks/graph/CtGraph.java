package dev.hestyle.ckks.graph;

import dev.hestyle.ckks.engine.ActivationInterval;
import dev.hestyle.spi.OpCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The sub-program of operations {@code ops} (ids into {@link #ops()}, in ascending order) as a graph of its
     * own, for an executor that runs parts of a graph in different places. Its inputs are {@code inputs} (value
     * ids of this graph, in that order) and its outputs {@code outputs}; values are renumbered, plaintexts,
     * intervals and step labels are this graph's, so operations keep their step and plaintext ids.
     *
     * @throws IllegalArgumentException if an operation reads a value that is neither an input nor made by an
     *         earlier operation of the part, or an output is not made by the part or given as an input
     */
    public CtGraph part(int[] ops, int[] inputs, int[] outputs) {
        Map<Integer, Integer> renamed = new HashMap<>();
        for (int v : inputs) {
            if (renamed.putIfAbsent(v, renamed.size()) != null) {
                throw new IllegalArgumentException("value " + v + " is given twice as an input of the part");
            }
        }
        List<Op> partOps = new ArrayList<>(ops.length);
        int previous = -1;
        for (int id : ops) {
            if (id <= previous) {
                throw new IllegalArgumentException("operation ids of a part must ascend, got " + id + " after " + previous);
            }
            previous = id;
            Op op = this.ops.get(id);
            int[] args = new int[op.args().length];
            for (int k = 0; k < args.length; k++) {
                Integer a = renamed.get(op.args()[k]);
                if (a == null) {
                    throw new IllegalArgumentException("operation " + id + " reads value " + op.args()[k] + ", which the part neither takes nor makes");
                }
                args[k] = a;
            }
            int first = renamed.size();
            for (int k = 0; k < op.outputs(); k++) {
                renamed.put(op.firstOutput() + k, first + k);
            }
            partOps.add(new Op(op.kind(), args, first, op.outputs(), op.steps(), op.constant(), op.index(), op.step()));
        }
        int[] out = new int[outputs.length];
        for (int k = 0; k < outputs.length; k++) {
            Integer o = renamed.get(outputs[k]);
            if (o == null) {
                throw new IllegalArgumentException("value " + outputs[k] + " is an output of the part but the part does not make it");
            }
            out[k] = o;
        }
        return new CtGraph(slots, inputs.length, partOps, out, renamed.size(), plains, intervals, stepLabels);
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
