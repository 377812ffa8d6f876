package dev.hestyle.backend.simulated;

import java.util.Arrays;

/**
 * A quantity measured at a few levels (levels left in the modulus chain), interpolated linearly in
 * between. Beyond the measured range the nearest segment is extended (cost is close to linear in the
 * number of RNS limbs), but never below a tenth of the smallest measured value.
 */
public final class Curve {
    private final int[] levels;
    private final double[] values;

    private Curve(int[] levels, double[] values) {
        this.levels = levels;
        this.values = values;
    }

    /** A quantity that does not depend on the level. */
    public static Curve flat(double value) {
        return of(new int[] {0}, new double[] {value});
    }

    /**
     * A quantity measured at {@code levels} (strictly increasing) with the given {@code values}.
     *
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or levels do not increase
     */
    public static Curve of(int[] levels, double[] values) {
        if (levels.length == 0 || levels.length != values.length) {
            throw new IllegalArgumentException("a curve needs as many values as levels, and at least one");
        }
        for (int i = 1; i < levels.length; i++) {
            if (levels[i] <= levels[i - 1]) {
                throw new IllegalArgumentException("curve levels must increase: " + Arrays.toString(levels));
            }
        }
        for (double v : values) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("curve values must be finite and non-negative: " + Arrays.toString(values));
            }
        }
        return new Curve(levels.clone(), values.clone());
    }

    /** The value at {@code level}. */
    public double at(int level) {
        if (levels.length == 1) {
            return values[0];
        }
        int hi = 1;
        while (hi < levels.length - 1 && levels[hi] < level) {
            hi++;
        }
        int lo = hi - 1;
        double t = (double) (level - levels[lo]) / (levels[hi] - levels[lo]);
        double v = values[lo] + t * (values[hi] - values[lo]);
        return Math.max(v, 0.1 * Arrays.stream(values).min().orElse(0));
    }

    /** This curve with every value multiplied by {@code factor}. */
    public Curve times(double factor) {
        double[] scaled = values.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
        }
        return of(levels, scaled);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < levels.length; i++) {
            sb.append(i == 0 ? "" : " ").append(levels[i]).append(':').append(values[i]);
        }
        return sb.toString();
    }
}
