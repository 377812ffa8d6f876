package dev.hestyle.backend.openfhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.backend.openfhe.jni.ContextSpec;
import dev.hestyle.backend.openfhe.jni.NativeContext;
import dev.hestyle.backend.openfhe.jni.OpenFheNativeException;
import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.Security;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parameter sets, and that OpenFHE's own 128-bit check agrees with the limits they assume. */
class OpenFheParametersTest {
    private static final String LIBRARY = "test";

    @Test
    void clientAidedSetIsN14With8192SlotsAt128Bits() {
        CkksParameters p = OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 2, false), LIBRARY);
        assertEquals(14, p.logRingDimension());
        assertEquals(8192, p.slots());
        assertEquals(2, p.freshLevels());
        assertEquals(128, p.securityBits());
        assertEquals("uniform-ternary", p.secretDistribution());
        assertFalse(p.bootstrapping());
        assertEquals(0, p.levelsAfterBootstrap());
    }

    @Test
    void deeperLeveledSetsMoveToLargerRings() {
        assertEquals(14, OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 5, false), LIBRARY).logRingDimension());
        assertEquals(15, OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 6, false), LIBRARY).logRingDimension());
        assertEquals(16, OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 24, false), LIBRARY).logRingDimension());
        assertThrows(IllegalArgumentException.class,
                () -> OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 25, false), LIBRARY));
    }

    @Test
    void bootstrappingSetIsSparseN16Scale50Budget33() {
        CkksParameters p = OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 10, true), LIBRARY);
        assertEquals(16, p.logRingDimension());
        assertEquals(8192, p.slots());
        assertEquals(50, p.scaleBits());
        // OpenFHE: depth 24, 8 levels after bootstrapping; one is kept for the next bootstrap's input
        assertEquals(23, p.freshLevels());
        assertEquals(7, p.levelsAfterBootstrap());
        assertEquals("sparse-ternary", p.secretDistribution());
        assertEquals(128, p.securityBits());
        ContextSpec spec = OpenFheParameters.spec(p);
        assertEquals(24, spec.depth());
        assertEquals(List.of(3, 3), spec.levelBudget());
        assertTrue(spec.firstModBits() <= spec.scaleBits() + 8);
        Capabilities caps = OpenFheParameters.capabilities(Security.BITS_128);
        assertEquals(p.levelsAfterBootstrap(), caps.levelsAfterBootstrap());
        assertEquals(p.freshLevels(), caps.freshLevelsWithBootstrap());
        // plans that bootstrap may fill the N=2^16 ring; client-aided ones stay within the N=2^14 ring's slots
        assertEquals(32768, caps.bootstrapSlots());
        assertEquals(8192, caps.maxSlots());
        CkksParameters full = OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 32768, 23, true), LIBRARY);
        assertEquals(16, full.logRingDimension());
        assertEquals(32768, full.slots());
        assertEquals(0, OpenFheParameters.capabilities(Security.INSECURE_TEST_ONLY).bootstrapSlots(), "test rings follow the slots");
    }

    @Test
    void parameterHashDependsOnTheSet() {
        CkksParameters a = OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 2, false), LIBRARY);
        CkksParameters b = OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 3, false), LIBRARY);
        CkksParameters c = OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 2, false), "other build");
        assertFalse(a.hash().equals(b.hash()));
        assertFalse(a.hash().equals(c.hash()));
        assertEquals(a.hash(), OpenFheParameters.choose(new ParameterRequest(Security.BITS_128, 8192, 2, false), LIBRARY).hash());
    }

    @Test
    void insecureSetsRefuseWithoutPermission() {
        String previous = System.getProperty(Security.ALLOW_INSECURE_PROPERTY);
        System.setProperty(Security.ALLOW_INSECURE_PROPERTY, "false");
        try {
            assertThrows(IllegalStateException.class,
                    () -> OpenFheParameters.choose(new ParameterRequest(Security.INSECURE_TEST_ONLY, 1024, 2, false), LIBRARY));
        } finally {
            if (previous == null) {
                System.clearProperty(Security.ALLOW_INSECURE_PROPERTY);
            } else {
                System.setProperty(Security.ALLOW_INSECURE_PROPERTY, previous);
            }
        }
    }

    @Test
    @RequiresOpenFhe
    void openFheCertifiesTheLeveledLimitsAt128Bits() {
        int[][] limits = {{14, 5}, {15, 11}, {16, 24}};
        for (int[] limit : limits) {
            ContextSpec deepest = new ContextSpec(limit[0], 8192, 50, 60, limit[1], true, false, List.of(), 0);
            try (NativeContext context = NativeContext.create(deepest)) {
                assertEquals(1 << limit[0], context.ringDimension());
            }
            ContextSpec tooDeep = new ContextSpec(limit[0], 8192, 50, 60, limit[1] + 1, true, false, List.of(), 0);
            OpenFheNativeException refused = assertThrows(OpenFheNativeException.class, () -> NativeContext.create(tooDeep));
            assertTrue(refused.getMessage().contains("HE standard"), refused.getMessage());
        }
    }

    @Test
    @RequiresOpenFhe
    void openFheCertifiesTheBootstrappingModuliAt128Bits() {
        // the bootstrapping set's modulus chain without the (expensive) bootstrapping precomputation
        ContextSpec moduli = new ContextSpec(16, 8192, 50, 57, 24, true, true, List.of(), 0);
        try (NativeContext context = NativeContext.create(moduli)) {
            assertTrue(context.modulusBits() > 1200, "log Q " + context.modulusBits());
        }
        ContextSpec tooDeep = new ContextSpec(16, 8192, 50, 57, 25, true, true, List.of(), 0);
        assertThrows(OpenFheNativeException.class, () -> NativeContext.create(tooDeep));
    }
}
