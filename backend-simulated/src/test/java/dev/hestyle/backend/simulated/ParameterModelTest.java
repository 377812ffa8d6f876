package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.Security;
import org.junit.jupiter.api.Test;

/** Parameter selection and the cost/size curves. */
class ParameterModelTest {
    private final SimulatedEngine engine = new SimulatedEngine(SimulationOptions.seeded(1));

    @Test
    void nonInteractiveGetsTheSparseBootstrappingSet() {
        CkksParameters p = engine.parameters(new ParameterRequest(Security.BITS_128, 8192, 8, true));
        assertEquals("simulated", p.engine());
        assertEquals(128, p.securityBits());
        assertEquals("sparse-ternary", p.secretDistribution());
        assertEquals(16, p.logRingDimension());
        assertEquals(50, p.scaleBits());
        assertEquals(8, p.freshLevels());
        assertEquals(7, p.levelsAfterBootstrap());
        assertTrue(p.bootstrapping());
        assertEquals("openfhe-n16-sparse-bootstrap", p.extra().get(ParameterModel.ROW_KEY));
        assertEquals(23, engine.parameters(new ParameterRequest(Security.BITS_128, 8192, 23, true)).freshLevels());
    }

    @Test
    void clientAidedGetsTheSmallRing() {
        CkksParameters p = engine.parameters(new ParameterRequest(Security.BITS_128, 8192, 2, false));
        assertEquals(14, p.logRingDimension());
        assertEquals("uniform-ternary", p.secretDistribution());
        assertFalse(p.bootstrapping());
        assertEquals(0, p.levelsAfterBootstrap());
    }

    @Test
    void insecureRowsAreNamedAndClaimNoSecurity() {
        CkksParameters p = engine.parameters(new ParameterRequest(Security.INSECURE_TEST_ONLY, 8192, 8, true));
        assertEquals(0, p.securityBits());
        assertEquals(Security.INSECURE_TEST_ONLY, p.security());
        assertTrue(p.extra().get(ParameterModel.ROW_KEY).startsWith("insecure"));
        assertNotEquals(p.hash(), engine.parameters(new ParameterRequest(Security.BITS_128, 8192, 8, true)).hash());
        assertTrue(engine.parameters(new ParameterRequest(Security.INSECURE_TEST_ONLY, 8192, 2, false)).extra()
                .get(ParameterModel.ROW_KEY).startsWith("insecure"));
    }

    @Test
    void deeperProgramsWithoutBootstrappingGetLargerRings() {
        CkksParameters mid = engine.parameters(new ParameterRequest(Security.BITS_128, 2048, 6, false));
        assertEquals("openfhe-n15-deep", mid.extra().get(ParameterModel.ROW_KEY));
        assertEquals(2048, mid.slots());
        assertEquals(40, mid.scaleBits());
        CkksParameters deep = engine.parameters(new ParameterRequest(Security.BITS_128, 8192, 22, false));
        assertEquals("openfhe-n16-sparse-bootstrap", deep.extra().get(ParameterModel.ROW_KEY));
        assertFalse(deep.bootstrapping(), "bootstrapping only when asked for");
        assertEquals(0, deep.levelsAfterBootstrap());
    }

    @Test
    void impossibleRequestsAreRefusedClearly() {
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
                () -> engine.parameters(new ParameterRequest(Security.BITS_128, 8192, 25, false)));
        assertTrue(deep.getMessage().contains("openfhe-n14-client-aided: a fresh ciphertext has at most 2 levels"), deep.getMessage());
        assertTrue(deep.getMessage().contains("openfhe-n15-deep: a fresh ciphertext has at most 19 levels"), deep.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> engine.parameters(new ParameterRequest(Security.BITS_128, 65536, 2, false)));
        assertTrue(wide.getMessage().contains("openfhe-n14-client-aided: holds at most 8192 slots"), wide.getMessage());
        assertTrue(wide.getMessage().contains("openfhe-n16-sparse-bootstrap-full: holds at most 32768 slots"), wide.getMessage());
        IllegalArgumentException tooDeep = assertThrows(IllegalArgumentException.class,
                () -> engine.parameters(new ParameterRequest(Security.BITS_128, 8192, 24, true)));
        assertTrue(tooDeep.getMessage().contains("at most 23 levels"), tooDeep.getMessage());
        assertFalse(tooDeep.getMessage().contains("n15"), "rows without bootstrapping are not candidates: " + tooDeep.getMessage());
    }

    @Test
    void capabilitiesSummariseTheRows() {
        Capabilities c = engine.capabilities(Security.BITS_128);
        assertTrue(c.bootstrapping());
        assertEquals(8192, c.maxSlots());
        assertEquals(23, c.maxFreshLevels());
        assertEquals(7, c.levelsAfterBootstrap());
        assertEquals(23, c.freshLevelsWithBootstrap());
        assertEquals(32768, c.bootstrapSlots(), "128-bit plans that bootstrap fill the N=2^16 ring");
        assertEquals(0, engine.capabilities(Security.INSECURE_TEST_ONLY).bootstrapSlots(), "the test rings follow the tensors");
        assertEquals(8192, engine.capabilities(Security.INSECURE_TEST_ONLY).maxSlots());
    }

    @Test
    void fullCiphertextsGetTheFullSlotBootstrap() {
        CkksParameters full = engine.parameters(new ParameterRequest(Security.BITS_128, 32768, 23, true));
        assertEquals("openfhe-n16-sparse-bootstrap-full", full.extra().get(ParameterModel.ROW_KEY));
        assertEquals(32768, full.slots());
        assertEquals(16, full.logRingDimension());
        assertEquals(7, full.levelsAfterBootstrap());
        ParameterRow sparse = ParameterModel.OPENFHE_N16_SPARSE_BOOTSTRAP;
        ParameterRow row = ParameterModel.OPENFHE_N16_SPARSE_BOOTSTRAP_FULL;
        assertTrue(row.bootstrap().seconds() < 4 * sparse.bootstrap().seconds(), "one full bootstrap beats four sparse ones");
        assertTrue(row.bootstrap().maxErrorLog2() > sparse.bootstrap().maxErrorLog2(), "and is less precise");
        assertEquals(sparse.costs(), row.costs(), "the ring is the same");
        assertNotEquals(full.hash(), engine.parameters(new ParameterRequest(Security.BITS_128, 8192, 23, true)).hash());
    }

    @Test
    void curvesInterpolateTheMeasuredPoints() {
        Curve rotation = ParameterModel.OPENFHE_N16_SPARSE_BOOTSTRAP.costs().rotationMs();
        assertEquals(125, rotation.at(8), 1e-12);
        assertEquals(116 + 3 * 45 / 5.0, rotation.at(10), 1e-12);
        assertEquals(302, rotation.at(23), 1e-12);
        // below the measured range the first segment's slope is extended: 76 - 3 * 10
        assertEquals(76 - 3 * 40 / 4.0, rotation.at(0), 1e-9);
        assertEquals(2.75, ParameterModel.OPENFHE_N16_SPARSE_BOOTSTRAP.sizes().ciphertextMiB().at(0), 1e-12);
        assertEquals(7.0, ParameterModel.OPENFHE_N14_CLIENT_AIDED.costs().rotationMs().at(1), 0);
        assertThrows(IllegalArgumentException.class, () -> Curve.of(new int[] {3, 3}, new double[] {1, 2}));
    }

    @Test
    void foreignParametersAreRejected() {
        CkksParameters p = engine.parameters(new ParameterRequest(Security.BITS_128, 8192, 2, false));
        CkksParameters foreign = new CkksParameters("openfhe", p.security(), 128, p.secretDistribution(), 14, 8192, 50, 2, false, 0,
                java.util.Map.of());
        assertThrows(IllegalArgumentException.class, () -> ParameterModel.rowOf(foreign));
    }
}
