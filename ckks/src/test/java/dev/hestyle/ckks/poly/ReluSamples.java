package dev.hestyle.ckks.poly;

import java.util.Random;

/**
 * Synthetic normalised ReLU inputs shaped like the planner's: concentrated near 0, divided by
 * 1.25 × the largest magnitude so that the tails reach ±0.8.
 */
enum ReluSamples {
    GAUSSIAN {
        @Override
        double draw(Random r) {
            return r.nextGaussian();
        }
    },
    LAPLACE {
        @Override
        double draw(Random r) {
            double u = r.nextDouble() - 0.5;
            return -Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
        }
    },
    /** A batch-norm shift moves most inputs below zero. */
    SHIFTED_GAUSSIAN {
        @Override
        double draw(Random r) {
            return r.nextGaussian() - 0.7;
        }
    };

    abstract double draw(Random r);

    /** {@code n} samples from {@code seed}, normalised so that the largest magnitude is 0.8. */
    double[] normalised(int n, long seed) {
        Random r = new Random(seed);
        double[] s = new double[n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            s[i] = draw(r);
            max = Math.max(max, Math.abs(s[i]));
        }
        for (int i = 0; i < n; i++) {
            s[i] /= 1.25 * max;
        }
        return s;
    }

    static double relu(double x) {
        return Math.max(0, x);
    }

    /** Largest {@code |p(x) - relu(x)|} on a fine grid of the whole interval [-1, 1]. */
    static double maxErrorOnInterval(ChebyshevSeries p) {
        double max = 0;
        for (int i = 0; i <= 20_000; i++) {
            double x = -1 + i / 10_000.0;
            max = Math.max(max, Math.abs(p.value(x) - relu(x)));
        }
        return max;
    }

    /** Root mean square of {@code p - relu} over {@code samples}. */
    static double rmsError(ChebyshevSeries p, double[] samples) {
        double sum = 0;
        for (double x : samples) {
            double e = p.value(x) - relu(x);
            sum += e * e;
        }
        return Math.sqrt(sum / samples.length);
    }
}
