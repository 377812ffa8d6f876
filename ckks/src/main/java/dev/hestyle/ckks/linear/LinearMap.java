package dev.hestyle.ckks.linear;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.graph.GraphBuilder;
import dev.hestyle.ckks.layout.SlotLayout;
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
public final class LinearMap implements SlotMap {
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
    @Override
    public LinearMap scaled(double inputMultiplier, double outputDivisor) {
        SlotMap.checkScales(inputMultiplier, outputDivisor);
        return new LinearMap(in, out, storePeriod, split, babySteps, outers, bias, diagonals,
                weightScale * inputMultiplier / outputDivisor, biasScale / outputDivisor);
    }

    @Override
    public SlotLayout inputLayout() {
        return in;
    }

    @Override
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

    /** Every rotation step this map uses, normalised into {@code 1..slots-1}. */
    @Override
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

    @Override
    public Ct[] emit(GraphBuilder b, Ct[] x) {
        if (x.length != 1) {
            throw new IllegalArgumentException("a single-ciphertext map got " + x.length + " ciphertexts");
        }
        return new Ct[] {emit(b, x[0])};
    }

    /**
     * Appends the baby-step/giant-step program for one ciphertext: the baby rotations hoisted
     * ({@link GraphBuilder#rotateHoistedInParts}), then every giant step as a sum of plaintext products followed
     * by one rotation, the giant steps added in plan order.
     */
    public Ct emit(GraphBuilder b, Ct x) {
        if (b.slots() != slots) {
            throw new IllegalArgumentException("graph has " + b.slots() + " slots, map was planned for " + slots);
        }
        Ct[] babies = b.rotateHoistedInParts(x, babySteps);
        Ct acc = null;
        for (Outer o : outers) {
            Ct outer = null;
            for (Giant g : o.giants) {
                Ct inner = null;
                for (int t = 0; t < g.baby.length; t++) {
                    Ct src = g.baby[t] < 0 ? x : babies[g.baby[t]];
                    double[] diag = g.diag[t];
                    Ct prod = b.mulPlain(src, () -> expand(diag, weightScale));
                    inner = inner == null ? prod : b.add(inner, prod);
                }
                Ct r = g.step == 0 ? inner : b.rotate(inner, g.step);
                outer = outer == null ? r : b.add(outer, r);
            }
            Ct r = o.step == 0 ? outer : b.rotate(outer, o.step);
            acc = acc == null ? r : b.add(acc, r);
        }
        if (acc == null) {
            // an all-zero matrix: still one level, so that level bookkeeping does not depend on weights
            acc = b.mulConst(x, 0.0);
        }
        return bias == null ? acc : b.addPlain(acc, () -> expand(bias, biasScale));
    }

    @Override
    public double[][] apply(double[][] x) {
        if (x.length != 1) {
            throw new IllegalArgumentException("a single-ciphertext map got " + x.length + " slot vectors");
        }
        return new double[][] {apply(x[0])};
    }

    /**
     * {@link #apply} on every vector of the batch on all cores: planning calibrates and searches ReLU depths on this
     * path, and at 32x32 a map is one ciphertext, so there is no other parallelism. Each result is computed alone,
     * so it is the same as sequentially.
     */
    @Override
    public List<double[][]> applyAll(List<double[][]> xs) {
        return xs.parallelStream().map(this::apply).toList();
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
        for (Outer o : outers) {
            Arrays.fill(outer, 0);
            for (Giant g : o.giants) {
                Arrays.fill(inner, 0);
                for (int t = 0; t < g.baby.length; t++) {
                    double[] src = g.baby[t] < 0 ? x : babies[g.baby[t]];
                    double[] p = g.diag[t];
                    // diagonals repeat with a power-of-two period: read period by period (not expanded), a unit-stride
                    // loop the JIT vectorises
                    for (int r = 0; r < slots; r += storePeriod) {
                        for (int i = 0; i < storePeriod; i++) {
                            inner[r + i] += src[r + i] * p[i];
                        }
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
    @Override
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
