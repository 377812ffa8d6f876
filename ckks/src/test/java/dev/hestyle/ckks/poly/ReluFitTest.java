package dev.hestyle.ckks.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReluFitTest {

    /** Accepted largest error anywhere on [-1, 1], also where no sample fell. */
    private static double intervalBound(int depth) {
        return switch (depth) {
            case 1 -> 0.75; // a straight line cannot do much better on skewed inputs
            case 2 -> 0.25;
            case 3 -> 0.15;
            default -> 0.05;
        };
    }

    @Test
    void degreeIsTwoToTheDepthMinusOne() {
        double[] samples = ReluSamples.GAUSSIAN.normalised(4096, 1);
        for (int d = 1; d <= ReluFit.MAX_DEPTH; d++) {
            ChebyshevSeries p = ReluFit.fit(d, samples);
            assertEquals((1 << d) - 1, p.degree());
            assertEquals(d, p.depth());
        }
    }

    @Test
    void isDeterministic() {
        double[] samples = ReluSamples.LAPLACE.normalised(50_000, 5);
        assertEquals(ReluFit.fit(6, samples), ReluFit.fit(6, samples.clone()));
        assertEquals(ReluFit.fitUniform(5), ReluFit.fitUniform(5));
    }

    @Test
    void staysBoundedOnTheWholeInterval() {
        for (ReluSamples kind : ReluSamples.values()) {
            double[] samples = kind.normalised(50_000, 2);
            for (int d = 1; d <= ReluFit.MAX_DEPTH; d++) {
                double err = ReluSamples.maxErrorOnInterval(ReluFit.fit(d, samples));
                assertTrue(err <= intervalBound(d), kind + " depth " + d + ": max error " + err);
            }
        }
    }

    @Test
    void staysBoundedEvenWhenAllSamplesAreTiny() {
        // a bound estimated on other inputs: every sample within ±0.05, the interval still matters
        double[] samples = ReluSamples.GAUSSIAN.normalised(50_000, 3);
        for (int i = 0; i < samples.length; i++) {
            samples[i] /= 16;
        }
        for (int d = 1; d <= ReluFit.MAX_DEPTH; d++) {
            double err = ReluSamples.maxErrorOnInterval(ReluFit.fit(d, samples));
            assertTrue(err <= 2 * intervalBound(d), "depth " + d + ": max error " + err);
        }
    }

    @Test
    void weightingByTheSamplesBeatsTheUniformFitWhereTheSamplesAre() {
        for (ReluSamples kind : ReluSamples.values()) {
            double[] train = kind.normalised(50_000, 1);
            double[] test = kind.normalised(50_000, 2);
            for (int d = 2; d <= ReluFit.MAX_DEPTH; d++) {
                double weighted = ReluSamples.rmsError(ReluFit.fit(d, train), test);
                double uniform = ReluSamples.rmsError(ReluFit.fitUniform(d), test);
                // the gain is largest where the degree is too low to follow relu everywhere
                double ratio = d <= 4 ? 0.8 : 1.0;
                assertTrue(weighted < ratio * uniform, kind + " depth " + d + ": " + weighted + " vs uniform " + uniform);
            }
        }
    }

    @Test
    void uniformFitIsNearMinimax() {
        // best uniform approximation of relu by degree n is about 0.14/n (half Bernstein's constant
        // for |x|); least squares under the arcsine measure should stay within a small factor of it
        for (int d = 2; d <= ReluFit.MAX_DEPTH; d++) {
            int degree = (1 << d) - 1;
            double err = ReluSamples.maxErrorOnInterval(ReluFit.fitUniform(d));
            assertTrue(err <= 0.45 / (degree + 1), "depth " + d + ": " + err);
        }
    }

    @Test
    void noSamplesMeansUniform() {
        assertEquals(ReluFit.fitUniform(4), ReluFit.fit(4, new double[0]));
        assertEquals(ReluFit.fitUniform(4), ReluFit.fit(4, null));
    }

    @Test
    void rejectsBadInput() {
        double[] ok = {0.1, -0.2};
        assertThrows(IllegalArgumentException.class, () -> ReluFit.fit(0, ok));
        assertThrows(IllegalArgumentException.class, () -> ReluFit.fit(8, ok));
        assertThrows(IllegalArgumentException.class, () -> ReluFit.fit(3, new double[] {0.5, 1.01}));
        assertThrows(IllegalArgumentException.class, () -> ReluFit.fit(3, new double[] {Double.NaN}));
    }
}
