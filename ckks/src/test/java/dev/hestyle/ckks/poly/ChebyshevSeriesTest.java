package dev.hestyle.ckks.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChebyshevSeriesTest {

    @Test
    void clenshawMatchesTrigonometricDefinition() {
        Random r = new Random(7);
        for (int degree : new int[] {0, 1, 2, 5, 31, 127}) {
            double[] c = new double[degree + 1];
            for (int i = 0; i <= degree; i++) {
                c[i] = r.nextGaussian();
            }
            ChebyshevSeries p = ChebyshevSeries.of(c);
            for (int k = 0; k <= 200; k++) {
                double theta = Math.PI * k / 200;
                double expected = 0;
                for (int i = 0; i <= degree; i++) {
                    expected += c[i] * Math.cos(i * theta); // T_i(cos θ) = cos(iθ)
                }
                assertEquals(expected, p.value(Math.cos(theta)), 1e-11, "degree " + degree + " at θ=" + theta);
            }
        }
    }

    @Test
    void depthIsCeilLog2OfDegreePlusOne() {
        for (int degree = 0; degree <= 200; degree++) {
            int expected = (int) Math.ceil(Math.log(degree + 1) / Math.log(2) - 1e-12);
            assertEquals(expected, ChebyshevSeries.of(new double[degree + 1]).depth(), "degree " + degree);
        }
        assertEquals(7, ChebyshevSeries.of(new double[128]).depth());
        assertEquals(8, ChebyshevSeries.of(new double[129]).depth());
    }

    @Test
    void isImmutableAndKeepsNominalDegree() {
        double[] c = {1, 2, 0, 0};
        ChebyshevSeries p = ChebyshevSeries.of(c);
        c[0] = 99;
        p.coefficients()[1] = 99;
        assertArrayEquals(new double[] {1, 2, 0, 0}, p.coefficients());
        assertEquals(3, p.degree());
        assertEquals(2, p.depth());
        assertEquals(0.0, p.coefficient(10));
    }

    @Test
    void rejectsBadCoefficients() {
        assertThrows(IllegalArgumentException.class, () -> ChebyshevSeries.of());
        assertThrows(IllegalArgumentException.class, () -> ChebyshevSeries.of(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ChebyshevSeries.of(Double.POSITIVE_INFINITY));
    }
}
