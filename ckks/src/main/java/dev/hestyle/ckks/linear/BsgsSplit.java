package dev.hestyle.ckks.linear;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a set of diagonal offsets is split into rotations. Every offset {@code d} (modulo {@code period}, the
 * input's replication period) is written {@code d ≡ baby + giant + outer}:
 * <ul>
 *   <li>{@code baby = ((d + shift) mod babySpan) - shift} on the symmetric representative of {@code d} —
 *       rotations of the input, hoisted;</li>
 *   <li>the rest {@code t = d - baby} is split the same way with {@code giantSpan}/{@code giantShift} into a
 *       giant step and an outer step (with {@code giantSpan == 0} there is no outer level: the giant step is
 *       {@code t}).</li>
 * </ul>
 * Evaluation: {@code y = Σ_outer rot(Σ_giant rot(Σ_baby diag' ⊙ rot(x, baby), giant), outer)}. The outer level
 * never saves rotations but can save rotation keys: offsets {@code 1024 + 32k} and {@code 32k} need one key
 * per {@code k} plus one for 1024 instead of two per {@code k}.
 *
 * @param babySpan {@code B}
 * @param shift baby window {@code [-shift, B - shift)}
 * @param period the modulus the offsets live in
 * @param giantSpan span of the giant level, or 0 for none
 * @param giantShift giant window offset
 * @param babyRotations distinct non-zero baby steps
 * @param giantRotations giant and outer rotations per evaluation
 */
public record BsgsSplit(int babySpan, int shift, int period, int giantSpan, int giantShift, int babyRotations, int giantRotations) {

    /** The largest baby span searched; beyond it everything is a baby step anyway for these networks. */
    static final int MAX_SPAN = 1024;
    /** How many of the best two-level splits are refined with an outer level. */
    private static final int REFINED = 24;
    /** Giant spans tried are multiples of the baby span up to this factor. */
    private static final int MAX_GIANT_MULTIPLE = 256;

    /** Total rotations per evaluation. */
    public int rotations() {
        return babyRotations + giantRotations;
    }

    /** The baby step of offset {@code d}. */
    public int baby(int d) {
        return Math.floorMod(symmetric(d, period) + shift, babySpan) - shift;
    }

    /** The giant step of offset {@code d} (symmetric representative modulo the period). */
    public int giant(int d) {
        int t = symmetric(symmetric(d, period) - baby(d), period);
        return giantSpan == 0 ? t : Math.floorMod(t + giantShift, giantSpan) - giantShift;
    }

    /** The outer step of offset {@code d} (0 without an outer level). */
    public int outer(int d) {
        if (giantSpan == 0) {
            return 0;
        }
        int t = symmetric(symmetric(d, period) - baby(d), period);
        return symmetric(t - giant(d), period);
    }

    /** The best split of {@code offsets} (each in {@code [0, period)}). */
    public static BsgsSplit choose(int[] offsets, int period) {
        return candidates(offsets, period, 0).get(0);
    }

    /**
     * Splits whose rotation count is at most {@code slack} above the best, best first (ties: fewer giant
     * rotations, as baby rotations are hoisted and cheaper; then smaller spans). The planner picks among
     * them to share rotation keys between maps.
     */
    public static List<BsgsSplit> candidates(int[] offsets, int period, int slack) {
        List<BsgsSplit> twoLevel = new ArrayList<>();
        int span = Math.min(MAX_SPAN, period);
        for (int b = 1; b <= span; b++) {
            for (int s : b == 1 ? new int[] {0} : new int[] {0, b / 2}) {
                twoLevel.add(evaluate(offsets, new BsgsSplit(b, s, period, 0, 0, 0, 0)));
            }
        }
        twoLevel.sort(ORDER);
        int best = twoLevel.get(0).rotations();
        List<BsgsSplit> all = new ArrayList<>();
        for (int i = 0; i < twoLevel.size() && twoLevel.get(i).rotations() <= best + slack; i++) {
            BsgsSplit base = twoLevel.get(i);
            all.add(base);
            if (i < REFINED && slack > 0) {
                int maxGiant = Math.min(period, MAX_GIANT_MULTIPLE * base.babySpan);
                for (int g = 2 * base.babySpan; g <= maxGiant; g += base.babySpan) {
                    for (int s : new int[] {0, g / 2}) {
                        BsgsSplit c = evaluate(offsets, new BsgsSplit(base.babySpan, base.shift, period, g, s, 0, 0));
                        if (c.rotations() <= best + slack) {
                            all.add(c);
                        }
                    }
                }
            }
        }
        all.sort(ORDER);
        return all;
    }

    private static final Comparator<BsgsSplit> ORDER = Comparator.comparingInt(BsgsSplit::rotations)
            .thenComparingInt(BsgsSplit::giantRotations).thenComparingInt(BsgsSplit::babySpan).thenComparingInt(BsgsSplit::giantSpan);

    /** {@code shape} with its rotation counts for {@code offsets}. */
    private static BsgsSplit evaluate(int[] offsets, BsgsSplit shape) {
        Set<Integer> babies = new TreeSet<>();
        Set<Long> pairs = new TreeSet<>();
        Set<Integer> outers = new TreeSet<>();
        int p = shape.period;
        for (int d : offsets) {
            int b = shape.baby(d);
            int g = Math.floorMod(shape.giant(d), p);
            int o = Math.floorMod(shape.outer(d), p);
            if (b != 0) {
                babies.add(b);
            }
            if (g != 0) {
                pairs.add((long) o * p + g);
            }
            if (o != 0) {
                outers.add(o);
            }
        }
        return new BsgsSplit(shape.babySpan, shape.shift, p, shape.giantSpan, shape.giantShift, babies.size(), pairs.size() + outers.size());
    }

    /** The rotation keys this split needs for {@code offsets}, normalised into {@code 1..slots-1}. */
    public Set<Integer> keys(int[] offsets, int slots) {
        Set<Integer> k = new TreeSet<>();
        for (int d : offsets) {
            for (int r : new int[] {baby(d), giant(d), outer(d)}) {
                int m = Math.floorMod(r, slots);
                if (m != 0) {
                    k.add(m);
                }
            }
        }
        return k;
    }

    /** The representative of {@code v mod m} in {@code (-m/2, m/2]}. */
    static int symmetric(int v, int m) {
        int r = Math.floorMod(v, m);
        return r > m / 2 ? r - m : r;
    }
}
