package dev.hestyle.ckks.poly;

/**
 * Chebyshev division {@code p = q0 + T_m · q1} for {@code m} a power of two with
 * {@code m <= degree(p) <= 2m - 1}, from {@code T_{m+j} = 2 T_m T_j - T_{m-j}} ({@code 0 < j < m}).
 *
 * @param low {@code q0}, nominal degree {@code m - 1}
 * @param high {@code q1}, nominal degree {@code degree(p) - m}
 */
record ChebyshevSplit(double[] low, double[] high) {

    /** Splits the coefficients {@code c} (nominal degree {@code c.length - 1}) at {@code m}. */
    static ChebyshevSplit of(double[] c, int m) {
        int n = c.length - 1;
        if (Integer.bitCount(m) != 1 || n < m || n > 2 * m - 1) {
            throw new IllegalArgumentException("cannot split degree " + n + " at " + m);
        }
        double[] low = new double[m];
        System.arraycopy(c, 0, low, 0, m);
        double[] high = new double[n - m + 1];
        high[0] = c[m];
        for (int j = 1; j <= n - m; j++) {
            high[j] = 2.0 * c[m + j];
            low[m - j] -= c[m + j];
        }
        return new ChebyshevSplit(low, high);
    }
}
