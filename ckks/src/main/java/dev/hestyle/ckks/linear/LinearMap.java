package dev.hestyle.ckks.linear;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.ckks.parallel.Batch;
import dev.hestyle.ckks.parallel.Workers;
import dev.hestyle.spi.OpCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One affine map between two slot layouts ({@link SlotMatrix}), {@code y = Σ_d diag_d ⊙ rot(x, d) + bias}, evaluated
 * baby-step/giant-step: {@code y = Σ_g rot(Σ_b rot(diag_{g+b}, -g) ⊙ rot(x, b), g) + bias} with the baby
 * rotations of {@code x} hoisted. Costs one level, {@link #ptMults()} plaintext multiplications and
 * {@link #rotations()} rotations.
 *
 * <p>Diagonal {@code d} holds, in output slot {@code i}, the weight with which slot {@code i + d} of the input
 * contributes. Because layouts are replicated, offsets only matter modulo the input's period, and every
 * diagonal repeats with the larger of the two periods; only that period is stored. The weights and bias
 * can be scaled without copying ({@link #scaled}), which is how the planner folds activation bounds in.
 */
public final class LinearMap {
    /** Fewer baby rotations than this per hoisted call would not repay the repeated decomposition. */
    private static final int MIN_BABIES_PER_CALL = 4;
    private final SlotLayout in;
    private final SlotLayout out;
    private final int slots;
    private final int storePeriod;
    private final BsgsSplit split;
    private final int[] babySteps;
    private final Outer[] outers;
    private final double[] bias;
    private final int diagonals;
    private final double weightScale;
    private final double biasScale;

    /** The terms of one giant step: pre-rotated diagonals and the baby rotation each multiplies (-1 = none). */
    private record Giant(int step, int[] baby, double[][] diag) {
    }

    /** The giant steps under one outer step. */
    private record Outer(int step, Giant[] giants) {
    }

    private LinearMap(SlotLayout in, SlotLayout out, int storePeriod, BsgsSplit split, int[] babySteps, Outer[] outers,
                      double[] bias, int diagonals, double weightScale, double biasScale) {
        this.in = in;
        this.out = out;
        this.slots = in.slots();
        this.storePeriod = storePeriod;
        this.split = split;
        this.babySteps = babySteps;
        this.outers = outers;
        this.bias = bias;
        this.diagonals = diagonals;
        this.weightScale = weightScale;
        this.biasScale = biasScale;
    }

    /** Places {@code affine} between {@code in} and {@code out}, evaluated with the split of fewest rotations. */
    public static LinearMap build(TensorAffine affine, SlotLayout in, SlotLayout out) {
        SlotMatrix m = SlotMatrix.of(affine, in, out);
        return of(m, m.bestSplit());
    }

    /**
     * {@code matrix} evaluated with {@code split}.
     *
     * @throws IllegalArgumentException if the split is for another period
     */
    public static LinearMap of(SlotMatrix matrix, BsgsSplit split) {
        SlotLayout in = matrix.inputLayout();
        if (split.period() != in.period()) {
            throw new IllegalArgumentException("split for period " + split.period() + " used on input period " + in.period());
        }
        int n = in.slots();
        int[] offsets = matrix.offsets();
        TreeSet<Integer> babySet = new TreeSet<>();
        TreeMap<Integer, TreeMap<Integer, List<int[]>>> byStep = new TreeMap<>();
        for (int d : offsets) {
            int b = split.baby(d);
            if (b != 0) {
                babySet.add(Math.floorMod(b, n));
            }
            byStep.computeIfAbsent(Math.floorMod(split.outer(d), n), x -> new TreeMap<>())
                    .computeIfAbsent(Math.floorMod(split.giant(d), n), x -> new ArrayList<>()).add(new int[] {d, b});
        }
        int[] babySteps = babySet.stream().mapToInt(Integer::intValue).toArray();
        Outer[] outers = new Outer[byStep.size()];
        int oi = 0;
        for (Map.Entry<Integer, TreeMap<Integer, List<int[]>>> o : byStep.entrySet()) {
            Giant[] giants = new Giant[o.getValue().size()];
            int gi = 0;
            for (Map.Entry<Integer, List<int[]>> e : o.getValue().entrySet()) {
                List<int[]> terms = e.getValue();
                int[] baby = new int[terms.size()];
                double[][] diag = new double[terms.size()][];
                for (int t = 0; t < terms.size(); t++) {
                    int b = terms.get(t)[1];
                    baby[t] = b == 0 ? -1 : Arrays.binarySearch(babySteps, Math.floorMod(b, n));
                    // the outer and giant rotations that follow the product are undone on the plaintext beforehand
                    diag[t] = rotate(matrix.diagonal(terms.get(t)[0]), -(e.getKey() + o.getKey()));
                }
                giants[gi++] = new Giant(e.getKey(), baby, diag);
            }
            outers[oi++] = new Outer(o.getKey(), giants);
        }
        return new LinearMap(in, matrix.outputLayout(), matrix.period(), split, babySteps, outers, matrix.bias(), offsets.length, 1.0, 1.0);
    }

    /** {@code rot(v, k)} of a vector that repeats with its own length. */
    private static double[] rotate(double[] v, int k) {
        int m = v.length;
        double[] r = new double[m];
        int s = Math.floorMod(k, m);
        for (int i = 0; i < m; i++) {
            int j = i + s;
            r[i] = v[j >= m ? j - m : j];
        }
        return r;
    }

    /**
     * This map reading values stored divided by {@code inputMultiplier} and writing its result divided by
     * {@code outputDivisor}: {@code y' = (A (m x') + c) / o}. Shares the diagonals.
     */
    public LinearMap scaled(double inputMultiplier, double outputDivisor) {
        if (!(inputMultiplier > 0) || !(outputDivisor > 0) || Double.isInfinite(inputMultiplier) || Double.isInfinite(outputDivisor)) {
            throw new IllegalArgumentException("scale factors must be positive and finite: " + inputMultiplier + ", " + outputDivisor);
        }
        return new LinearMap(in, out, storePeriod, split, babySteps, outers, bias, diagonals,
                weightScale * inputMultiplier / outputDivisor, biasScale / outputDivisor);
    }

    public SlotLayout inputLayout() {
        return in;
    }

    public SlotLayout outputLayout() {
        return out;
    }

    public BsgsSplit split() {
        return split;
    }

    /** Factor applied to every weight (input multiplier / output divisor). */
    public double weightScale() {
        return weightScale;
    }

    /** Factor applied to the bias (1 / output divisor). */
    public double biasScale() {
        return biasScale;
    }

    /** Plaintext multiplications per evaluation: one per non-zero diagonal. */
    public int ptMults() {
        return diagonals;
    }

    /** Rotations per evaluation (each hoisted baby rotation counted once). */
    public int rotations() {
        int r = babySteps.length;
        for (Outer o : outers) {
            r += o.step != 0 ? 1 : 0;
            for (Giant g : o.giants) {
                r += g.step != 0 ? 1 : 0;
            }
        }
        return r;
    }

    /** Baby rotations (hoisted) per evaluation. */
    public int babyRotations() {
        return babySteps.length;
    }

    /** Giant rotations per evaluation. */
    public int giantRotations() {
        return rotations() - babySteps.length;
    }

    /** Operation counts of one evaluation. */
    public OpCounts cost() {
        return new OpCounts(rotations(), 0, ptMults() == 0 ? 1 : ptMults(), 0);
    }

    /** Every rotation step this map uses, normalised into {@code 1..slots-1}. */
    public Set<Integer> rotationSteps() {
        Set<Integer> s = new TreeSet<>();
        for (int b : babySteps) {
            s.add(b);
        }
        for (Outer o : outers) {
            if (o.step != 0) {
                s.add(o.step);
            }
            for (Giant g : o.giants) {
                if (g.step != 0) {
                    s.add(g.step);
                }
            }
        }
        return s;
    }

    /** Evaluates on a ciphertext on the calling thread; consumes one level. The input is not closed. */
    public Ct apply(Evaluator ev, Ct x) {
        return apply(ev, x, Workers.SEQUENTIAL);
    }

    /**
     * Evaluates on a ciphertext; consumes one level. The input is not closed. The giant steps (each a sum of
     * plaintext products of baby rotations, then one rotation) run as independent tasks on {@code workers}
     * after the baby rotations have been made (hoisted; split across the workers when there are many); their results are added in plan order, so
     * the result does not depend on thread scheduling, and the operations are the same as sequentially.
     * On failure every intermediate ciphertext is closed and the first failure is rethrown as it was.
     */
    public Ct apply(Evaluator ev, Ct x, Workers workers) {
        if (ev.slots() != slots) {
            throw new IllegalArgumentException("evaluator has " + ev.slots() + " slots, map was planned for " + slots);
        }
        Ct[] babies = babies(ev, x, workers);
        Ct acc = null;
        Ct outer = null;
        Throwable failure = null;
        try (Batch<Ct> batch = workers.batch()) {
            for (Outer o : outers) {
                for (Giant g : o.giants) {
                    batch.add(() -> giant(ev, x, babies, g));
                }
            }
            int k = 0;
            for (Outer o : outers) {
                for (int i = 0; i < o.giants.length; i++) {
                    Ct r = batch.take(k++);
                    Ct prev = outer;
                    outer = null;
                    outer = prev == null ? r : addClosing(ev, prev, r);
                }
                Ct sum = outer;
                outer = null;
                Ct r = rotateClosing(ev, sum, o.step);
                Ct prev = acc;
                acc = null;
                acc = prev == null ? r : addClosing(ev, prev, r);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            closeQuietly(e, acc, outer);
            throw e;
        } finally {
            // after the batch has closed, so no task still reads them
            if (failure == null) {
                closeAll(babies);
            } else {
                closeQuietly(failure, babies);
            }
        }
        if (acc == null) {
            // an all-zero matrix: still one level, so that level bookkeeping does not depend on weights
            acc = ev.mulConst(x, 0.0);
        }
        if (bias != null) {
            Ct r;
            try {
                r = ev.addPlain(acc, expand(bias, biasScale));
            } finally {
                acc.close();
            }
            acc = r;
        }
        return acc;
    }

    /** Ciphertexts that are closed together (one hoisted call's results). */
    private record Group(Ct[] cts) implements AutoCloseable {
        @Override
        public void close() {
            closeAll(cts);
        }
    }

    /**
     * The baby rotations of {@code x}, in {@link #babySteps} order. With several workers and enough steps, the
     * steps are split into one hoisted call per worker: each call decomposes {@code x} again, which costs
     * far less than waiting for all rotations on one thread, and the rotations counted stay the same.
     */
    private Ct[] babies(Evaluator ev, Ct x, Workers workers) {
        int n = babySteps.length;
        int parts = Math.min(workers.threads(), n / MIN_BABIES_PER_CALL);
        if (parts <= 1) {
            return n == 0 ? new Ct[0] : ev.rotateHoisted(x, babySteps);
        }
        Ct[] all = new Ct[n];
        int done = 0;
        try (Batch<Group> batch = workers.batch()) {
            for (int p = 0; p < parts; p++) {
                int[] steps = Arrays.copyOfRange(babySteps, p * n / parts, (p + 1) * n / parts);
                batch.add(() -> new Group(ev.rotateHoisted(x, steps)));
            }
            for (int p = 0; p < parts; p++) {
                Ct[] part = batch.take(p).cts();
                System.arraycopy(part, 0, all, done, part.length);
                done += part.length;
            }
        } catch (RuntimeException | Error e) {
            closeQuietly(e, Arrays.copyOf(all, done));
            throw e;
        }
        return all;
    }

    /** {@code rot(Σ_t diag_t ⊙ src_t, step)} of one giant step; closes its own intermediates, also on failure. */
    private Ct giant(Evaluator ev, Ct x, Ct[] babies, Giant g) {
        Ct inner = null;
        try {
            for (int t = 0; t < g.baby.length; t++) {
                Ct src = g.baby[t] < 0 ? x : babies[g.baby[t]];
                Ct prod = ev.mulPlain(src, expand(g.diag[t], weightScale));
                Ct prev = inner;
                inner = null;
                inner = prev == null ? prod : addClosing(ev, prev, prod);
            }
            Ct sum = inner;
            inner = null;
            return rotateClosing(ev, sum, g.step);
        } catch (RuntimeException | Error e) {
            closeQuietly(e, inner);
            throw e;
        }
    }

    /** {@code rot(a, steps)}; closes {@code a}, also when the rotation fails. */
    private static Ct rotateClosing(Evaluator ev, Ct a, int steps) {
        if (steps == 0) {
            return a;
        }
        try {
            return ev.rotate(a, steps);
        } finally {
            a.close();
        }
    }

    /** {@code a + b}; closes both, also when the addition fails. */
    private static Ct addClosing(Evaluator ev, Ct a, Ct b) {
        try {
            return ev.add(a, b);
        } finally {
            closeAll(a, b);
        }
    }

    /** Closes every non-null ciphertext while {@code failure} propagates; close failures are attached to it. */
    private static void closeQuietly(Throwable failure, Ct... cts) {
        try {
            closeAll(cts);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Closes every non-null ciphertext, even if one close fails (the first such failure is rethrown). */
    private static void closeAll(Ct... cts) {
        RuntimeException first = null;
        for (Ct c : cts) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Evaluates the same baby-step/giant-step program on plain slot values (exact, for calibration and checks). */
    public double[] apply(double[] x) {
        if (x.length != slots) {
            throw new IllegalArgumentException("slot vector has " + x.length + " values, map was planned for " + slots);
        }
        double[][] babies = new double[babySteps.length][];
        for (int j = 0; j < babySteps.length; j++) {
            babies[j] = rotate(x, babySteps[j]);
        }
        double[] acc = new double[slots];
        double[] outer = new double[slots];
        double[] inner = new double[slots];
        // diagonals repeat with a power-of-two period: index them with a mask instead of expanding
        int mask = storePeriod - 1;
        for (Outer o : outers) {
            Arrays.fill(outer, 0);
            for (Giant g : o.giants) {
                Arrays.fill(inner, 0);
                for (int t = 0; t < g.baby.length; t++) {
                    double[] src = g.baby[t] < 0 ? x : babies[g.baby[t]];
                    double[] p = g.diag[t];
                    for (int i = 0; i < slots; i++) {
                        inner[i] += src[i] * p[i & mask];
                    }
                }
                addRotated(outer, inner, g.step, 1.0);
            }
            addRotated(acc, outer, o.step, weightScale);
        }
        if (bias != null) {
            int bm = bias.length - 1;
            for (int i = 0; i < slots; i++) {
                acc[i] += bias[i & bm] * biasScale;
            }
        }
        return acc;
    }

    /** {@code acc += factor * rot(v, k)}. */
    private static void addRotated(double[] acc, double[] v, int k, double factor) {
        int n = acc.length;
        for (int i = 0; i < n; i++) {
            int j = i + k;
            acc[i] += factor * v[j >= n ? j - n : j];
        }
    }

    /** A periodic vector repeated to the full slot count, times {@code factor}. */
    private double[] expand(double[] periodic, double factor) {
        double[] v = new double[slots];
        int m = periodic.length;
        for (int r = 0; r < slots; r += m) {
            for (int i = 0; i < m; i++) {
                v[r + i] = periodic[i] * factor;
            }
        }
        return v;
    }

    /** Feeds the map's content into a digest, so that a plan hash changes whenever a weight does. */
    public void digest(Digest d) {
        d.add(in.describe()).add(out.describe()).add(weightScale).add(biasScale);
        for (int b : babySteps) {
            d.add(b);
        }
        for (Outer o : outers) {
            d.add(o.step);
            for (Giant g : o.giants) {
                d.add(g.step);
                for (int t = 0; t < g.baby.length; t++) {
                    d.add(g.baby[t]);
                    d.add(g.diag[t]);
                }
            }
        }
        if (bias != null) {
            d.add(bias);
        }
    }

    @Override
    public String toString() {
        return in.shape() + " -> " + out.shape() + ": " + diagonals + " diagonals, " + babySteps.length + " baby + "
                + giantRotations() + " giant rotations (B=" + split.babySpan() + (split.giantSpan() > 0 ? ", G=" + split.giantSpan() : "") + ")";
    }
}
