package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Metered;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Modelled seconds and sizes follow the parameter table. */
class MeterTest {

    @Test
    void secondsAccumulateFromTheCostTable() {
        Fixture f = Fixture.bootstrapping(1, 1, 2);
        ParameterRow row = ParameterModel.OPENFHE_N16_SPARSE_BOOTSTRAP;
        Ct c8 = f.client.encrypt(Fixture.uniform(1, 8192, 0.5));
        f.server.rotate(c8, 1);                                 // rotation at level 8
        f.server.rotateHoisted(c8, new int[] {1, 2, 0});        // two hoisted rotations, the 0 step is free
        Ct c7 = f.server.mulPlain(c8, new double[] {1});        // plaintext multiplication at level 8
        f.server.mul(c7, c7);                                   // ciphertext multiplication at level 7
        f.server.add(c7, c8);                                   // addition at level 7
        f.server.bootstrap(c7);
        Map<String, Object> m = ((Metered) f.server).meter();
        double expected = (row.costs().rotationMs().at(8) + 2 * row.costs().hoistedRotationMs().at(8) + row.costs().plainMultMs().at(8)
                + row.costs().cipherMultMs().at(7) + row.costs().addMs().at(7)) / 1000 + row.bootstrap().seconds();
        assertEquals(expected, (Double) m.get("modelled_seconds"), 1e-9);
        assertEquals((row.costs().rotationMs().at(8) + 2 * row.costs().hoistedRotationMs().at(8)) / 1000, (Double) m.get("modelled_rotation_seconds") + (Double) m.get("modelled_hoisted_rotation_seconds"), 1e-9);
        assertEquals(20.2, (Double) m.get("modelled_bootstrap_seconds"), 1e-9);
        assertEquals(((SimulatedKeys) f.keys.evaluationKeys()).modelledByteSize(), m.get("modelled_evaluation_key_bytes"));
        assertEquals(9L << 20, m.get("modelled_fresh_ciphertext_bytes"));            // 8 + (13 - 8) / 5 MiB at level 8
        assertEquals((long) (2.75 * (1 << 20)), m.get("modelled_level0_ciphertext_bytes")); // 5 - 3 * 0.75 MiB
        assertEquals("openfhe-n16-sparse-bootstrap", m.get("parameter_set"));
    }

    @Test
    void clientSecondsAreModelledToo() {
        Fixture f = Fixture.clientAided(2);
        f.client.decrypt(f.client.encrypt(new double[] {1}));
        assertEquals(0.0053 + 0.025, (Double) ((Metered) f.client).meter().get("modelled_seconds"), 1e-12);
    }
}
