package dev.hestyle.ckks.poly;

import java.util.Arrays;

/**
 * An immutable polynomial {@code p(x) = Σ c_i T_i(x)} in the Chebyshev basis, meant for {@code x} in
 * [-1, 1] where every {@code T_i} is bounded by 1 (which keeps the evaluation numerically tame).
 *
 * <p>The degree is the nominal one, {@code coefficients().length - 1}: trailing zero coefficients are
 * kept, because the evaluation structure (and so its depth and cost) follows the nominal degree.
 */
public final class ChebyshevSeries {

    private final double[] coefficients;

    private ChebyshevSeries(double[] coefficients) {
        this.coefficients = coefficients;
    }

    /**
     * A series with the given coefficients ({@code c[i]} multiplies {@code T_i}); the array is copied.
     *
     * @throws IllegalArgumentException if empty or any coefficient is not finite
     */
    public static ChebyshevSeries of(double... coefficients) {
        if (coefficients == null || coefficients.length == 0) {
            throw new IllegalArgumentException("a Chebyshev series needs at least one coefficient");
        }
        for (int i = 0; i < coefficients.length; i++) {
            if (!Double.isFinite(coefficients[i])) {
                throw new IllegalArgumentException("Chebyshev coefficient " + i + " is not finite: " + coefficients[i]);
            }
        }
        return new ChebyshevSeries(coefficients.clone());
    }

    /** A copy of the coefficients, {@code c[i]} multiplying {@code T_i}. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Coefficient of {@code T_i}; 0 beyond the degree. */
    public double coefficient(int i) {
        return i < coefficients.length ? coefficients[i] : 0.0;
    }

    /** The nominal degree, {@code coefficients().length - 1}. */
    public int degree() {
        return coefficients.length - 1;
    }

    /**
     * Multiplicative depth of {@link ChebyshevEvaluator#evaluate}: {@code ceil(log2(degree + 1))}, so
     * degree {@code 2^d - 1} costs exactly {@code d} levels (a constant costs none).
     */
    public int depth() {
        return depthOf(degree());
    }

    /** {@code ceil(log2(degree + 1))}. */
    static int depthOf(int degree) {
        return 32 - Integer.numberOfLeadingZeros(degree);
    }

    /** {@code p(x)} by Clenshaw's recurrence (stable for every {@code x} in [-1, 1]). */
    public double value(double x) {
        double b1 = 0.0;
        double b2 = 0.0;
        for (int i = coefficients.length - 1; i >= 1; i--) {
            double b0 = 2.0 * x * b1 - b2 + coefficients[i];
            b2 = b1;
            b1 = b0;
        }
        return x * b1 - b2 + coefficients[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChebyshevSeries s && Arrays.equals(coefficients, s.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "ChebyshevSeries(degree " + degree() + ", depth " + depth() + ")";
    }
}
