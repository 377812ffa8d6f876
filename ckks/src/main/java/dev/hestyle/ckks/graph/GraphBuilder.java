package dev.hestyle.ckks.graph;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.engine.ActivationInterval;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link CtGraph} by being called like an {@link Evaluator}: every call appends an operation and
 * returns a symbolic ciphertext (a value id and the level it will have). Code written against the evaluator
 * interface (the polynomial evaluator, the linear maps) is thus lowered to the graph as it is, with the same
 * level rules every engine follows. Closing a symbolic ciphertext does nothing: the executor frees real ones
 * after their last use. Not thread-safe.
 */
public final class GraphBuilder implements Evaluator {
    /** Fewer rotations than this per hoisted call would not repay the repeated decomposition. */
    private static final int MIN_ROTATIONS_PER_CALL = 4;
    /** The most hoisted calls one set of rotations is split into. */
    private static final int MAX_HOIST_PARTS = 4;
    private final int slots;
    private final int levelsAfterBootstrap;
    private final int clientLevels;
    private final List<Op> ops = new ArrayList<>();
    private final List<PlainSource> plains = new ArrayList<>();
    private final List<ActivationInterval> intervals = new ArrayList<>();
    private final List<String> stepLabels = new ArrayList<>();
    private int values;
    private int inputs = -1;

    /** A value of the graph being built. */
    public record Sym(int id, int level) implements Ct {
        @Override
        public void write(DataOutputStream out) {
            throw new UnsupportedOperationException("a symbolic ciphertext has no data");
        }

        @Override
        public void close() {
            // symbolic: the executor frees the real value after its last use
        }
    }

    /**
     * @param slots slots per ciphertext
     * @param levelsAfterBootstrap levels a bootstrap leaves
     * @param clientLevels levels of a fresh ciphertext returned by the client
     */
    public GraphBuilder(int slots, int levelsAfterBootstrap, int clientLevels) {
        this.slots = slots;
        this.levelsAfterBootstrap = levelsAfterBootstrap;
        this.clientLevels = clientLevels;
    }

    /** The graph's {@code count} input ciphertexts at {@code level}; call once, before any operation. */
    public Sym[] inputs(int count, int level) {
        if (inputs >= 0 || !ops.isEmpty()) {
            throw new IllegalStateException("inputs are declared once, first");
        }
        inputs = count;
        Sym[] in = new Sym[count];
        for (int i = 0; i < count; i++) {
            in[i] = new Sym(values++, level);
        }
        return in;
    }

    /** Starts tensor-level step {@code label}: the operations that follow are attributed to it. */
    public void beginStep(String label) {
        stepLabels.add(label);
    }

    /** The finished graph with {@code result} as its outputs. */
    public CtGraph build(Ct[] result) {
        int[] out = new int[result.length];
        for (int i = 0; i < result.length; i++) {
            out[i] = sym(result[i]).id();
        }
        return new CtGraph(slots, Math.max(0, inputs), ops, out, values, plains, intervals, stepLabels);
    }

    private Sym sym(Ct c) {
        if (c instanceof Sym s && s.id() < values) {
            return s;
        }
        throw new IllegalArgumentException("not a value of this graph: " + c);
    }

    private int step() {
        if (stepLabels.isEmpty()) {
            throw new IllegalStateException("beginStep must come before the first operation");
        }
        return stepLabels.size() - 1;
    }

    private Sym op(OpKind kind, int level, int[] steps, double constant, int index, Ct... args) {
        if (level < 0) {
            throw new EvaluationException("the operation " + kind + " needs a level but its input has none left");
        }
        int[] a = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = sym(args[i]).id();
        }
        ops.add(new Op(kind, a, values, 1, steps, constant, index, step()));
        return new Sym(values++, level);
    }

    private static int min(Ct a, Ct b) {
        return Math.min(a.level(), b.level());
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public Ct add(Ct a, Ct b) {
        return op(OpKind.ADD, min(a, b), new int[0], 0, -1, a, b);
    }

    @Override
    public Ct sub(Ct a, Ct b) {
        return op(OpKind.SUB, min(a, b), new int[0], 0, -1, a, b);
    }

    @Override
    public Ct addConst(Ct a, double c) {
        return op(OpKind.ADD_CONST, a.level(), new int[0], c, -1, a);
    }

    @Override
    public Ct addPlain(Ct a, double[] values) {
        return addPlain(a, PlainSource.of(values));
    }

    /** Adds a plaintext whose values are made when needed. */
    public Ct addPlain(Ct a, PlainSource p) {
        plains.add(p);
        return op(OpKind.ADD_PLAIN, a.level(), new int[0], 0, plains.size() - 1, a);
    }

    @Override
    public Ct mulConst(Ct a, double c) {
        return op(OpKind.MUL_CONST, a.level() - 1, new int[0], c, -1, a);
    }

    @Override
    public Ct mulPlain(Ct a, double[] values) {
        return mulPlain(a, PlainSource.of(values));
    }

    /** Multiplies by a plaintext whose values are made when needed; one level. */
    public Ct mulPlain(Ct a, PlainSource p) {
        plains.add(p);
        return op(OpKind.MUL_PLAIN, a.level() - 1, new int[0], 0, plains.size() - 1, a);
    }

    @Override
    public Ct mul(Ct a, Ct b) {
        return op(OpKind.MUL, min(a, b) - 1, new int[0], 0, -1, a, b);
    }

    @Override
    public Ct rotate(Ct a, int steps) {
        return op(OpKind.ROTATE, a.level(), new int[] {steps}, 0, -1, a);
    }

    @Override
    public Ct[] rotateHoisted(Ct a, int[] steps) {
        Sym s = sym(a);
        ops.add(new Op(OpKind.HOIST, new int[] {s.id()}, values, steps.length, steps.clone(), 0, -1, step()));
        Ct[] out = new Ct[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = new Sym(values++, s.level());
        }
        return out;
    }

    /**
     * Hoisted rotations of {@code a}, split into up to {@value #MAX_HOIST_PARTS} calls when there are many, so
     * that several threads can make them: each call decomposes {@code a} again, which costs far less than
     * waiting for all rotations on one thread. The rotations counted are the same.
     */
    public Ct[] rotateHoistedInParts(Ct a, int[] steps) {
        int n = steps.length;
        int parts = Math.max(1, Math.min(MAX_HOIST_PARTS, n / MIN_ROTATIONS_PER_CALL));
        Ct[] all = new Ct[n];
        for (int p = 0; p < parts; p++) {
            int from = p * n / parts;
            int[] part = java.util.Arrays.copyOfRange(steps, from, (p + 1) * n / parts);
            if (part.length > 0) {
                System.arraycopy(rotateHoisted(a, part), 0, all, from, part.length);
            }
        }
        return all;
    }

    @Override
    public Ct bootstrap(Ct a) {
        return op(OpKind.BOOTSTRAP, levelsAfterBootstrap, new int[0], 0, -1, a);
    }

    /** Sends {@code group} to the client for activation {@code activation}; as many fresh ciphertexts come back. */
    public Ct[] client(int activation, Ct[] group) {
        int[] a = new int[group.length];
        for (int i = 0; i < group.length; i++) {
            a[i] = sym(group[i]).id();
        }
        ops.add(new Op(OpKind.CLIENT, a, values, group.length, new int[0], 0, activation, step()));
        Ct[] out = new Ct[group.length];
        for (int i = 0; i < group.length; i++) {
            out[i] = new Sym(values++, clientLevels);
        }
        return out;
    }

    /** Checks {@code a} against {@code interval} where the engine can see slots ({@link dev.hestyle.ckks.engine.RangeCheck}). */
    public void rangeCheck(Ct a, ActivationInterval interval) {
        intervals.add(interval);
        ops.add(new Op(OpKind.RANGE_CHECK, new int[] {sym(a).id()}, values, 0, new int[0], 0, intervals.size() - 1, step()));
    }

    @Override
    public void close() {
        // nothing to free
    }
}
