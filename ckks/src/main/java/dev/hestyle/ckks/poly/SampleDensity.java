package dev.hestyle.ckks.poly;

/**
 * The observed distribution of ReLU inputs on [-1, 1] reduced to a fixed number of weighted points:
 * a histogram whose bins each contribute one point at the mean of their samples, weighted by the
 * fraction of samples they hold. That keeps the fit's cost independent of the sample count while
 * reproducing the empirical distribution almost exactly (ReLU is linear inside every bin because 0 is
 * a bin edge).
 *
 * @param points bin means of the non-empty bins, ascending
 * @param weights fraction of the samples in each of those bins (sums to 1)
 */
record SampleDensity(double[] points, double[] weights) {

    /** Bins per half interval; an even split puts 0 on a bin edge. */
    static final int HALF_BINS = 1024;

    /**
     * Bins {@code samples}, which must all be finite and within [-1, 1].
     *
     * @throws IllegalArgumentException on an empty array or a sample outside [-1, 1]
     */
    static SampleDensity of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int bins = 2 * HALF_BINS;
        long[] counts = new long[bins];
        double[] sums = new double[bins];
        for (double s : samples) {
            if (!(s >= -1.0 && s <= 1.0)) {
                throw new IllegalArgumentException("ReLU sample " + s + " is outside [-1, 1]; divide by the calibrated bound first");
            }
            int bin = Math.min(bins - 1, (int) Math.floor((s + 1.0) * HALF_BINS));
            counts[bin]++;
            sums[bin] += s;
        }
        int used = 0;
        for (long n : counts) {
            if (n > 0) {
                used++;
            }
        }
        double[] points = new double[used];
        double[] weights = new double[used];
        int k = 0;
        for (int bin = 0; bin < bins; bin++) {
            if (counts[bin] > 0) {
                points[k] = sums[bin] / counts[bin];
                weights[k] = (double) counts[bin] / samples.length;
                k++;
            }
        }
        return new SampleDensity(points, weights);
    }
}
