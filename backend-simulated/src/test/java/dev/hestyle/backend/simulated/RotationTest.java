package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.engine.Ct;
import org.junit.jupiter.api.Test;

/** Rotation semantics and key enforcement. */
class RotationTest {
    private static final int N = 8192;

    @Test
    void slotIOfTheResultIsSlotIPlusK() {
        Fixture f = Fixture.clientAided(1, 3, -5, 4096);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = i / (double) N;
        }
        Ct c = f.client.encrypt(x);
        for (int k : new int[] {3, -5, 4096, N + 3, 0}) {
            double[] got = f.client.decrypt(f.server.rotate(c, k));
            for (int i = 0; i < N; i++) {
                assertEquals(x[Math.floorMod(i + k, N)], got[i], 1e-8, "k=" + k + " slot " + i);
            }
        }
    }

    @Test
    void missingRotationKeyIsRefusedNamingTheIndex() {
        Fixture f = Fixture.clientAided(2, 1, 2);
        Ct c = f.client.encrypt(new double[] {1, 2, 3});
        EvaluationException e = assertThrows(EvaluationException.class, () -> f.server.rotate(c, 37));
        assertTrue(e.getMessage().contains("no rotation key for index 37"), e.getMessage());
        EvaluationException neg = assertThrows(EvaluationException.class, () -> f.server.rotate(c, -1));
        assertTrue(neg.getMessage().contains("index 8191 (rotation by -1)"), neg.getMessage());
        assertThrows(EvaluationException.class, () -> f.server.rotateHoisted(c, new int[] {1, 5}));
    }

    @Test
    void hoistedRotationsEqualIndividualOnesButCostLess() {
        int[] steps = {1, 2, 64, 1023, -32};
        Fixture f = Fixture.bootstrapping(3, 1, 2, 64, 1023, -32);
        Ct c = f.client.encrypt(Fixture.uniform(3, N, 1));
        Ct[] hoisted = f.server.rotateHoisted(c, steps);
        double hoistedSeconds = seconds(f);
        for (int j = 0; j < steps.length; j++) {
            assertArrayEquals(f.client.decrypt(f.server.rotate(c, steps[j])), f.client.decrypt(hoisted[j]), "step " + steps[j]);
        }
        double individualSeconds = seconds(f) - hoistedSeconds;
        assertTrue(hoistedSeconds < individualSeconds, hoistedSeconds + " s hoisted vs " + individualSeconds + " s individually");
    }

    private static double seconds(Fixture f) {
        return (Double) ((dev.hestyle.ckks.engine.Metered) f.server).meter().get("modelled_seconds");
    }
}
