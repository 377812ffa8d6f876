package dev.hestyle.ckks.poly;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.spi.OpCounts;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An exact {@link Evaluator} on plain {@code double[]} slots for tests: it follows the engine level
 * rules (every multiplication costs one level, additions take the lower level, going below level 0
 * throws), counts multiplications, tracks which ciphertexts are still open, and can be told to fail at
 * the n-th operation to test cleanup on errors.
 */
final class PlainEvaluator implements Evaluator {

    private final int slots;
    private final Set<PlainCt> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private long ctMults;
    private long ptMults;
    private long operations;
    private long failAt = -1;

    PlainEvaluator(int slots) {
        this.slots = slots;
    }

    /** A fresh ciphertext at {@code level} (zero-padded). */
    PlainCt encrypt(double[] values, int level) {
        double[] s = new double[slots];
        System.arraycopy(values, 0, s, 0, values.length);
        return track(new PlainCt(this, s, level));
    }

    /** Makes the {@code n}-th following operation (0-based) throw an {@link EvaluationException}. */
    void failAtOperation(long n) {
        failAt = operations + n;
    }

    OpCounts counts() {
        return new OpCounts(0, ctMults, ptMults, 0);
    }

    long operations() {
        return operations;
    }

    /** Ciphertexts created and not yet closed. */
    int openCount() {
        return open.size();
    }

    void released(PlainCt ct) {
        open.remove(ct);
    }

    private PlainCt track(PlainCt ct) {
        open.add(ct);
        return ct;
    }

    private void step() {
        if (operations++ == failAt) {
            throw new EvaluationException("injected failure at operation " + failAt);
        }
    }

    private static PlainCt plain(Ct a) {
        return (PlainCt) a;
    }

    private PlainCt map(Ct a, int level, DoubleUnaryOperator f) {
        step();
        if (level < 0) {
            throw new EvaluationException("out of levels: operand at level " + a.level());
        }
        double[] in = plain(a).slots();
        double[] out = new double[slots];
        for (int i = 0; i < slots; i++) {
            out[i] = f.applyAsDouble(in[i]);
        }
        return track(new PlainCt(this, out, level));
    }

    private PlainCt zip(Ct a, Ct b, int level, DoubleBinaryOperator f) {
        step();
        if (level < 0) {
            throw new EvaluationException("out of levels: operands at levels " + a.level() + " and " + b.level());
        }
        double[] x = plain(a).slots();
        double[] y = plain(b).slots();
        double[] out = new double[slots];
        for (int i = 0; i < slots; i++) {
            out[i] = f.applyAsDouble(x[i], y[i]);
        }
        return track(new PlainCt(this, out, level));
    }

    private double[] padded(double[] values) {
        double[] p = new double[slots];
        System.arraycopy(values, 0, p, 0, values.length);
        return p;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public Ct add(Ct a, Ct b) {
        return zip(a, b, Math.min(a.level(), b.level()), Double::sum);
    }

    @Override
    public Ct sub(Ct a, Ct b) {
        return zip(a, b, Math.min(a.level(), b.level()), (x, y) -> x - y);
    }

    @Override
    public Ct addConst(Ct a, double c) {
        return map(a, a.level(), x -> x + c);
    }

    @Override
    public Ct addPlain(Ct a, double[] values) {
        double[] p = padded(values);
        PlainCt ct = plain(a);
        PlainCt pc = new PlainCt(this, p, a.level());
        return zip(ct, pc, a.level(), Double::sum);
    }

    @Override
    public Ct mulConst(Ct a, double c) {
        ptMults++;
        return map(a, a.level() - 1, x -> x * c);
    }

    @Override
    public Ct mulPlain(Ct a, double[] values) {
        ptMults++;
        PlainCt pc = new PlainCt(this, padded(values), a.level());
        return zip(a, pc, a.level() - 1, (x, y) -> x * y);
    }

    @Override
    public Ct mul(Ct a, Ct b) {
        ctMults++;
        return zip(a, b, Math.min(a.level(), b.level()) - 1, (x, y) -> x * y);
    }

    @Override
    public Ct rotate(Ct a, int steps) {
        step();
        double[] in = plain(a).slots();
        double[] out = new double[slots];
        for (int i = 0; i < slots; i++) {
            out[i] = in[Math.floorMod(i + steps, slots)];
        }
        return track(new PlainCt(this, out, a.level()));
    }

    @Override
    public Ct[] rotateHoisted(Ct a, int[] steps) {
        Ct[] out = new Ct[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = rotate(a, steps[i]);
        }
        return out;
    }

    @Override
    public Ct bootstrap(Ct a) {
        throw new UnsupportedOperationException("the plain test evaluator does not bootstrap");
    }

    @Override
    public void close() {
    }
}
