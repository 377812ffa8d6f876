package dev.hestyle.ckks.poly;

/**
 * Weighted least squares in the Chebyshev basis, {@code min Σ w_i (p(x_i) - y_i)²} over polynomials of
 * a given degree, solved by Householder QR of the weighted design matrix. QR avoids squaring the
 * condition number as the normal equations would; the Chebyshev basis keeps that number small on
 * [-1, 1] as long as the weights cover the whole interval.
 */
final class WeightedLeastSquares {

    private WeightedLeastSquares() {
    }

    /**
     * Chebyshev coefficients of the best fit of degree {@code degree}.
     *
     * @throws IllegalArgumentException if the weighted points cannot determine {@code degree + 1}
     *                                  coefficients
     */
    static double[] fit(double[] x, double[] y, double[] w, int degree) {
        int rows = x.length;
        int cols = degree + 1;
        if (rows < cols) {
            throw new IllegalArgumentException(rows + " points cannot determine a degree-" + degree + " fit");
        }
        double[][] a = new double[rows][cols];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = Math.sqrt(w[i]);
            chebyshevRow(x[i], s, a[i]);
            b[i] = s * y[i];
        }
        return solveQr(a, b, cols);
    }

    /** {@code row[j] = scale · T_j(x)} by the three-term recurrence. */
    static void chebyshevRow(double x, double scale, double[] row) {
        double prev = 1.0;
        double cur = x;
        row[0] = scale;
        if (row.length > 1) {
            row[1] = scale * x;
        }
        for (int j = 2; j < row.length; j++) {
            double next = 2.0 * x * cur - prev;
            prev = cur;
            cur = next;
            row[j] = scale * next;
        }
    }

    /** Householder QR on {@code a} (overwritten), then back substitution; {@code b} is overwritten too. */
    private static double[] solveQr(double[][] a, double[] b, int cols) {
        int rows = a.length;
        double[] diag = new double[cols];
        double largest = 0.0;
        for (int k = 0; k < cols; k++) {
            double norm = 0.0;
            for (int i = k; i < rows; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            double alpha = a[k][k] > 0 ? -norm : norm;
            // v = a[k..][k] - alpha e_k, stored in place; H = I - 2 v v^T / (v^T v)
            a[k][k] -= alpha;
            double vv = 0.0;
            for (int i = k; i < rows; i++) {
                vv += a[i][k] * a[i][k];
            }
            if (vv > 0.0) {
                for (int j = k + 1; j < cols; j++) {
                    double dot = 0.0;
                    for (int i = k; i < rows; i++) {
                        dot += a[i][k] * a[i][j];
                    }
                    double f = 2.0 * dot / vv;
                    for (int i = k; i < rows; i++) {
                        a[i][j] -= f * a[i][k];
                    }
                }
                double dot = 0.0;
                for (int i = k; i < rows; i++) {
                    dot += a[i][k] * b[i];
                }
                double f = 2.0 * dot / vv;
                for (int i = k; i < rows; i++) {
                    b[i] -= f * a[i][k];
                }
            }
            diag[k] = alpha;
            largest = Math.max(largest, Math.abs(alpha));
        }
        double[] c = new double[cols];
        for (int k = cols - 1; k >= 0; k--) {
            if (Math.abs(diag[k]) <= 1e-13 * largest) {
                throw new IllegalArgumentException("the weighted points do not determine coefficient " + k
                        + " of a degree-" + (cols - 1) + " fit");
            }
            double s = b[k];
            for (int j = k + 1; j < cols; j++) {
                s -= a[k][j] * c[j];
            }
            c[k] = s / diag[k];
        }
        return c;
    }
}
