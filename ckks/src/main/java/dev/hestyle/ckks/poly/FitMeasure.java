package dev.hestyle.ckks.poly;

/**
 * The discrete measure a ReLU fit minimises the squared error under: the observed sample
 * distribution ({@link SampleDensity}) mixed with a share of the arcsine measure
 * {@code dx / (π sqrt(1 - x²))} on [-1, 1], represented by Chebyshev nodes of equal weight.
 *
 * @param points where the error is measured
 * @param weights the mass of each point (sums to 1)
 */
record FitMeasure(double[] points, double[] weights) {

    /**
     * The measure for a fit of degree {@code degree}: {@code floor} of the mass on the arcsine nodes,
     * the rest on the samples; all of it on the nodes when there are no samples.
     */
    static FitMeasure of(int degree, double[] samples, double floor) {
        boolean observed = samples != null && samples.length > 0;
        SampleDensity density = observed ? SampleDensity.of(samples) : new SampleDensity(new double[0], new double[0]);
        double floorShare = observed ? floor : 1.0;
        // more nodes than the degree, so that the discrete arcsine measure integrates T_i·T_j exactly
        // and the floor alone already determines every coefficient
        int nodes = 4 * (degree + 1);
        int rows = nodes + density.points().length;
        double[] x = new double[rows];
        double[] w = new double[rows];
        for (int k = 0; k < nodes; k++) {
            x[k] = Math.cos(Math.PI * (k + 0.5) / nodes);
            w[k] = floorShare / nodes;
        }
        for (int i = 0; i < density.points().length; i++) {
            x[nodes + i] = density.points()[i];
            w[nodes + i] = (1.0 - floorShare) * density.weights()[i];
        }
        return new FitMeasure(x, w);
    }
}
