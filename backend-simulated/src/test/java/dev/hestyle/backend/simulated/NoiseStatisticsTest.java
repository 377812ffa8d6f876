package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.ckks.engine.Ct;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The injected errors have the sizes the noise model derives and the measured bootstrap error. */
class NoiseStatisticsTest {
    private static final int N = 8192;

    @Test
    void bootstrapMaxErrorMatchesTheMeasuredFigure() {
        // over several seeds the largest error over 8192 slots stays within a factor 2 of 2^-10.5
        double[] input = Fixture.uniform(1, N, 0.9);
        double sumLog = 0;
        int runs = 8;
        for (long seed = 1; seed <= runs; seed++) {
            Fixture f = Fixture.bootstrapping(seed);
            Ct fresh = f.client.encrypt(input);
            Ct boot = f.server.bootstrap(fresh);
            assertEquals(7, boot.level(), "levels after bootstrap");
            double maxLog = Fixture.log2(Fixture.maxAbsDiff(f.client.decrypt(boot), input));
            assertTrue(maxLog > -11.5 && maxLog < -9.5, "max bootstrap error 2^" + maxLog + " should be 2^-10.5 within a factor 2");
            sumLog += maxLog;
        }
        double meanLog = sumLog / runs;
        assertTrue(Math.abs(meanLog + 10.5) < 0.25, "mean log2 of the max error " + meanLog + " should be close to -10.5");
    }

    @Test
    void medianMaxOfGaussiansIsRight() {
        // P(max of n |Z| <= t) = (1 - erfc(t/sqrt2))^n must be 1/2
        for (int n : new int[] {1, 100, 8192}) {
            double t = NoiseModel.medianMaxAbsGaussian(n);
            double p = Math.pow(1 - NoiseModel.erfc(t / Math.sqrt(2)), n);
            assertEquals(0.5, p, 1e-6, "n=" + n);
        }
        assertEquals(0.6745, NoiseModel.medianMaxAbsGaussian(1), 1e-3); // the median of |Z|
    }

    @Test
    void freshAndRotationErrorsHaveTheModelledSize() {
        Fixture f = Fixture.bootstrapping(3, 1);
        NoiseModel model = new NoiseModel(ParameterModel.OPENFHE_N16_SPARSE_BOOTSTRAP, EnumSet.allOf(NoiseSource.class));
        double[] input = Fixture.uniform(2, N, 1);
        Ct fresh = f.client.encrypt(input);
        double freshRms = Fixture.rmsDiff(f.client.decrypt(fresh), input);
        assertEquals(1, freshRms / model.fresh(), 0.05, "fresh error rms vs model");
        // about 2^-33 at N=2^16, scale 2^50: a few parts in 10^10
        assertTrue(Fixture.log2(freshRms) > -35 && Fixture.log2(freshRms) < -31, "fresh error 2^" + Fixture.log2(freshRms));

        Ct rotated = f.server.rotate(fresh, 1);
        double[] expected = new double[N];
        double[] freshSlots = f.client.decrypt(fresh);
        for (int i = 0; i < N; i++) {
            expected[i] = freshSlots[(i + 1) % N];
        }
        double added = Fixture.rmsDiff(f.client.decrypt(rotated), expected);
        assertEquals(1, added / model.rotation(), 0.05, "key-switching error rms vs model");
        double estimate = ((SimulatedCt) rotated).noiseEstimate();
        assertEquals(Math.hypot(model.fresh(), model.rotation()), estimate, 1e-9 * estimate);
    }

    @Test
    void rescaleErrorHasTheModelledSizeAndTheEstimateBoundsTheTruth() {
        Fixture f = Fixture.clientAided(4);
        NoiseModel model = new NoiseModel(ParameterModel.OPENFHE_N14_CLIENT_AIDED, EnumSet.allOf(NoiseSource.class));
        double[] x = Fixture.uniform(5, N, 1);
        double[] w = Fixture.uniform(6, N, 1);
        Ct cx = f.client.encrypt(x);
        double[] noisyX = f.client.decrypt(cx);
        Ct prod = f.server.mulPlain(cx, w);
        double[] got = f.client.decrypt(prod);
        double[] exactOfNoisy = new double[N];
        double[] exact = new double[N];
        for (int i = 0; i < N; i++) {
            exactOfNoisy[i] = noisyX[i] * w[i];
            exact[i] = x[i] * w[i];
        }
        // the rescale rounding dominates the plaintext's encoding error at this size
        double added = Fixture.rmsDiff(got, exactOfNoisy);
        assertEquals(1, added / model.rescale(), 0.1, "rescale error rms vs model");
        double estimate = ((SimulatedCt) prod).noiseEstimate();
        assertTrue(estimate >= Fixture.rmsDiff(got, exact), "the conservative estimate bounds the true rms error");
    }

    @Test
    void switchedOffSourcesInjectNothing() {
        SimulationOptions quiet = SimulationOptions.seeded(1).withNoise(EnumSet.noneOf(NoiseSource.class));
        Fixture f = new Fixture(quiet, new dev.hestyle.ckks.engine.ParameterRequest(dev.hestyle.spi.Security.BITS_128, N, 8, true),
                new dev.hestyle.ckks.engine.KeyRequest(java.util.Set.of(5), true, true));
        double[] x = Fixture.uniform(7, N, 0.5);
        Ct c = f.server.bootstrap(f.server.rotate(f.server.mul(f.client.encrypt(x), f.client.encrypt(x)), 5));
        double[] got = f.client.decrypt(c);
        for (int i = 0; i < N; i++) {
            double xi = x[(i + 5) % N];
            assertEquals(xi * xi, got[i], 0.0);
        }
    }
}
