package dev.hestyle.backend.openfhe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.IntToDoubleFunction;

/** Seeded slot vectors and comparisons for engine tests. */
final class TestVectors {
    private TestVectors() {
    }

    static double[] random(int n, long seed, double amplitude) {
        Random random = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2 * random.nextDouble() - 1) * amplitude;
        }
        return v;
    }

    static double[] map(int n, IntToDoubleFunction f) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.applyAsDouble(i);
        }
        return v;
    }

    static double maxError(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "vector length");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }
}
