package dev.hestyle.ckks.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChebyshevSplitTest {

    @Test
    void lowPlusPowerTimesHighIsTheOriginal() {
        Random r = new Random(3);
        for (int n = 2; n <= 127; n++) {
            int m = Integer.highestOneBit(n);
            double[] c = r.doubles(n + 1, -1, 1).toArray();
            ChebyshevSplit s = ChebyshevSplit.of(c, m);
            assertEquals(m - 1, s.low().length - 1);
            assertEquals(n - m, s.high().length - 1);
            ChebyshevSeries p = ChebyshevSeries.of(c);
            ChebyshevSeries q0 = ChebyshevSeries.of(s.low());
            ChebyshevSeries q1 = ChebyshevSeries.of(s.high());
            for (double x = -1; x <= 1; x += 0.0625) {
                double tm = Math.cos(m * Math.acos(x));
                assertEquals(p.value(x), q0.value(x) + tm * q1.value(x), 1e-11, "degree " + n + " at " + x);
            }
        }
    }

    @Test
    void rejectsSplitPointsOutsideTheDegreeRange() {
        assertThrows(IllegalArgumentException.class, () -> ChebyshevSplit.of(new double[8], 8));
        assertThrows(IllegalArgumentException.class, () -> ChebyshevSplit.of(new double[8], 2));
        assertThrows(IllegalArgumentException.class, () -> ChebyshevSplit.of(new double[8], 3));
    }
}
