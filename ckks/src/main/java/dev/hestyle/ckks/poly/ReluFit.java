package dev.hestyle.ckks.poly;

/**
 * Least-squares polynomial approximations of {@code relu(x) = max(0, x)} on [-1, 1] of degree
 * {@code 2^depth - 1}, the largest degree {@link ChebyshevEvaluator} evaluates in {@code depth} levels.
 *
 * <p>The fit minimises {@code ∫ (p - relu)² dμ} for the mixture
 * {@code μ = (1 - FLOOR) · observed + FLOOR · arcsine} ({@link FitMeasure}): the empirical
 * distribution of the normalised ReLU inputs, where accuracy pays off, plus a small share of the
 * arcsine measure {@code dx / (π sqrt(1 - x²))} on the whole interval. The floor keeps the polynomial
 * bounded where no sample fell (a calibrated bound is only an estimate, and unseen inputs land
 * there). The arcsine measure rather than a uniform one because it weights the ends of the interval
 * the most, exactly where an unconstrained high-degree fit blows up: with a uniform floor of the same
 * share the degree-127 fit reaches errors in the thousands near ±1, with the arcsine floor it stays
 * below 0.003. Against a vanishing floor, a 2% share costs about 10% of RMS error on the samples at
 * depth 4 and a few percent at depths 5–7; at depths 2–3 it costs 12–60%, but there a vanishing floor
 * lets the error just beyond the samples reach 0.2–0.7.
 *
 * <p>Why a general polynomial and not {@code relu(x) = (x + |x|) / 2} with {@code |x|} an even
 * polynomial (a polynomial in {@code T_2(x)}, which needs about half the ciphertext multiplications
 * at the same depth): {@code x/2} plus an even polynomial of degree {@code 2^d - 2} is a subspace of
 * the degree-{@code 2^d - 1} polynomials, so the general least-squares fit is never worse; it is
 * equal for symmetric input distributions and measurably better for skewed ones (batch-norm shifts
 * make most ReLU inputs skewed). The variant {@code (x + x·s(x)) / 2} with an odd sign
 * approximation {@code s} reaches only degree {@code 2^(d-1)} at depth {@code d} and is clearly worse.
 * The result is deterministic.
 */
public final class ReluFit {

    /** Highest supported depth (degree 127). */
    public static final int MAX_DEPTH = 7;

    /** Share of the arcsine floor in the fitting measure. */
    static final double FLOOR = 0.02;

    private ReluFit() {
    }

    /**
     * Fit weighted by the observed distribution of {@code samples} (normalised ReLU inputs, all in
     * [-1, 1]); with no samples (null or empty) this is {@link #fitUniform}.
     *
     * @throws IllegalArgumentException if {@code depth} is outside 1..{@value #MAX_DEPTH} or a sample
     *                                  is not within [-1, 1]
     */
    public static ChebyshevSeries fit(int depth, double[] samples) {
        return fit(depth, samples, FLOOR);
    }

    /**
     * Fit under the arcsine measure alone, for when nothing is known about the inputs; close to the
     * best uniform approximation (its largest error is about {@code 0.33 / (degree + 1)} to
     * {@code 0.43 / (degree + 1)}).
     *
     * @throws IllegalArgumentException if {@code depth} is outside 1..{@value #MAX_DEPTH}
     */
    public static ChebyshevSeries fitUniform(int depth) {
        return fit(depth, null, FLOOR);
    }

    /** {@link #fit(int, double[])} with an explicit floor share in (0, 1]. */
    static ChebyshevSeries fit(int depth, double[] samples, double floor) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("ReLU depth must be 1.." + MAX_DEPTH + ", got " + depth);
        }
        if (!(floor > 0.0 && floor <= 1.0)) {
            throw new IllegalArgumentException("floor share must be in (0, 1], got " + floor);
        }
        int degree = (1 << depth) - 1;
        FitMeasure measure = FitMeasure.of(degree, samples, floor);
        double[] x = measure.points();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0.0, x[i]);
        }
        return ChebyshevSeries.of(WeightedLeastSquares.fit(x, y, measure.weights(), degree));
    }
}
