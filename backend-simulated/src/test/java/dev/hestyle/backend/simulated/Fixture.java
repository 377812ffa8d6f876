package dev.hestyle.backend.simulated;

import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.Encryptor;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.KeyPair;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import java.util.Set;
import java.util.SplittableRandom;

/** An engine, parameters, keys, client and server for one test. */
final class Fixture {
    final SimulatedEngine engine;
    final CkksParameters params;
    final KeyPair keys;
    final Encryptor client;
    final Evaluator server;

    Fixture(SimulationOptions options, ParameterRequest request, KeyRequest keyRequest) {
        engine = new SimulatedEngine(options);
        params = engine.parameters(request);
        keys = engine.generateKeys(params, keyRequest, ProgressListener.NONE);
        client = engine.encryptor(params, keys);
        server = engine.evaluator(params, keys.evaluationKeys());
    }

    /** The 128-bit bootstrapping row with 8 fresh levels, keys for {@code rotations}, relinearisation and bootstrapping. */
    static Fixture bootstrapping(long seed, Integer... rotations) {
        return new Fixture(SimulationOptions.seeded(seed), new ParameterRequest(Security.BITS_128, 8192, 8, true),
                new KeyRequest(Set.of(rotations), true, true));
    }

    /** The 128-bit client-aided row with 2 fresh levels. */
    static Fixture clientAided(long seed, Integer... rotations) {
        return new Fixture(SimulationOptions.seeded(seed), new ParameterRequest(Security.BITS_128, 8192, 2, false),
                new KeyRequest(Set.of(rotations), true, false));
    }

    /** Uniform values in [-bound, bound]. */
    static double[] uniform(long seed, int n, double bound) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2 * r.nextDouble() - 1) * bound;
        }
        return v;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static double rmsDiff(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
