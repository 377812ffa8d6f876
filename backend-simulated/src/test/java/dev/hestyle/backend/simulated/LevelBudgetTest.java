package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.Security;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Levels are consumed and enforced as in a real engine. */
class LevelBudgetTest {

    @Test
    void everyMultiplicationConsumesOneLevelAndLevelZeroRefuses() {
        Fixture f = Fixture.clientAided(1);
        double[] x = Fixture.uniform(1, 8192, 1);
        Ct c2 = f.client.encrypt(x);
        assertEquals(2, c2.level());
        Ct c1 = f.server.mulConst(c2, 0.5);
        assertEquals(1, c1.level());
        Ct c0 = f.server.mulPlain(c1, x);
        assertEquals(0, c0.level());
        assertEquals(0, f.server.add(c0, c2).level(), "add of different levels gives the lower");
        assertEquals(1, f.server.sub(c2, c1).level());
        assertEquals(0, f.server.addConst(c0, 1).level());
        assertEquals(0, f.server.addPlain(c0, x).level());

        EvaluationException e = assertThrows(EvaluationException.class, () -> f.server.mul(c0, c2));
        assertTrue(e.getMessage().startsWith("out of levels at mul"), e.getMessage());
        assertTrue(assertThrows(EvaluationException.class, () -> f.server.mulPlain(c0, x)).getMessage().contains("out of levels at mulPlain"));
        assertTrue(assertThrows(EvaluationException.class, () -> f.server.mulConst(c0, 2)).getMessage().contains("out of levels at mulConst"));
    }

    @Test
    void ciphertextProductIsRightAndNeedsARelinearisationKey() {
        Fixture f = Fixture.clientAided(2);
        double[] x = Fixture.uniform(2, 8192, 1);
        double[] y = Fixture.uniform(3, 8192, 1);
        Ct p = f.server.mul(f.client.encrypt(x), f.client.encrypt(y));
        assertEquals(1, p.level());
        double[] got = f.client.decrypt(p);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] * y[i], got[i], 1e-9);
        }

        Fixture noRelin = new Fixture(SimulationOptions.seeded(1), new ParameterRequest(Security.BITS_128, 8192, 2, false),
                new KeyRequest(Set.of(), false, false));
        Ct a = noRelin.client.encrypt(x);
        assertTrue(assertThrows(EvaluationException.class, () -> noRelin.server.mul(a, a)).getMessage().contains("relinearisation"));
    }

    @Test
    void bootstrapRestoresTheLevelsAfterBootstrap() {
        Fixture f = Fixture.bootstrapping(3);
        Ct c = f.client.encrypt(Fixture.uniform(4, 8192, 0.5));
        for (int i = 0; i < 8; i++) {
            c = f.server.mulConst(c, 1.0);
        }
        assertEquals(0, c.level());
        Ct level0 = c;
        assertThrows(EvaluationException.class, () -> f.server.mulConst(level0, 1.0));
        assertEquals(7, f.server.bootstrap(c).level());
    }

    @Test
    void levelZeroValuesWrapAroundAsInRealDecryption() {
        // q0 = 2^57 and Δ = 2^50 in the bootstrapping row: level-0 values live modulo 128, in [-64, 64)
        Fixture f = Fixture.bootstrapping(4);
        Ct c = f.client.encrypt(new double[] {100, 200, -300, 5});
        for (int i = 0; i < 7; i++) {
            c = f.server.mulConst(c, 1.0);
        }
        double[] atLevel1 = f.client.decrypt(c);
        assertEquals(200, atLevel1[1], 1e-6, "no wrap above level 0");
        double[] got = f.client.decrypt(f.server.mulConst(c, 1.0));
        assertEquals(-28, got[0], 1e-6);
        assertEquals(-56, got[1], 1e-6);
        assertEquals(-44, got[2], 1e-6);
        assertEquals(5, got[3], 1e-6);
    }

    @Test
    void closedCiphertextsCannotBeUsed() {
        Fixture f = Fixture.clientAided(5);
        Ct c = f.client.encrypt(new double[] {1});
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, () -> f.server.addConst(c, 1));
    }
}
