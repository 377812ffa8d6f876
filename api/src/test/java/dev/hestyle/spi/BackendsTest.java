package dev.hestyle.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.BackendNotFoundException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendsTest {

    /** A provider that only describes itself; create() is never reached by selection. */
    private record FakeProvider(String name, int priority, boolean encrypts, Availability availability) implements BackendProvider {
        @Override
        public Backend create() {
            throw new AssertionError("selection must not create backends");
        }
    }

    private static final BackendProvider CLEAR = new FakeProvider("clear", 0, false, Availability.yes());
    private static final BackendProvider SIM = new FakeProvider("simulated", 10, false, Availability.yes());
    private static final BackendProvider FHE = new FakeProvider("openfhe", 100, true, Availability.no("libopenfhe.so not found"));
    private static final BackendProvider SEAL = new FakeProvider("seal", 90, true, Availability.yes());

    @AfterEach
    void clearProperty() {
        System.clearProperty(Backends.PROPERTY);
    }

    @Test
    void explicitArgumentWins() {
        System.setProperty(Backends.PROPERTY, "seal");
        assertEquals("clear", Backends.select("clear", List.of(CLEAR, SEAL)).name());
    }

    @Test
    void systemPropertyIsUsedWhenNoArgument() {
        System.setProperty(Backends.PROPERTY, "simulated");
        assertEquals("simulated", Backends.select(null, List.of(CLEAR, SIM, SEAL)).name());
    }

    @Test
    void autoPicksHighestPriorityAvailableEncryptingBackend() {
        assertEquals("seal", Backends.select(null, List.of(FHE, SEAL, SIM, CLEAR)).name());
        assertEquals("seal", Backends.select("auto", List.of(FHE, SEAL, SIM, CLEAR)).name());
    }

    @Test
    void neverFallsBackToNonEncryptingBackends() {
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> Backends.select(null, List.of(FHE, SIM, CLEAR)));
        assertTrue(e.getMessage().contains("never falls back"), e.getMessage());
        assertTrue(e.getMessage().contains("openfhe") && e.getMessage().contains("libopenfhe.so not found"), e.getMessage());
        assertTrue(e.getMessage().contains("hestyle-backend-openfhe"), e.getMessage());
    }

    @Test
    void unknownNameListsWhatWasFound() {
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> Backends.select("tfhe", List.of(CLEAR, SIM)));
        assertTrue(e.getMessage().contains("unknown backend 'tfhe'"), e.getMessage());
        assertTrue(e.getMessage().contains("clear") && e.getMessage().contains("simulated"), e.getMessage());
    }

    @Test
    void explicitlyNamedButUnavailableSaysWhy() {
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> Backends.select("openfhe", List.of(FHE, CLEAR)));
        assertTrue(e.getMessage().contains("libopenfhe.so not found"), e.getMessage());
    }

    @Test
    void noBackendsAtAll() {
        BackendNotFoundException e = assertThrows(BackendNotFoundException.class, () -> Backends.select(null, List.of()));
        assertTrue(e.getMessage().contains("Backends found: none"), e.getMessage());
    }

    @Test
    void insecureParametersRefuseWithoutOptIn() {
        String old = System.getProperty(Security.ALLOW_INSECURE_PROPERTY);
        try {
            System.clearProperty(Security.ALLOW_INSECURE_PROPERTY);
            assertThrows(IllegalStateException.class, Security.INSECURE_TEST_ONLY::checkAllowed);
            Security.BITS_128.checkAllowed();
            System.setProperty(Security.ALLOW_INSECURE_PROPERTY, "true");
            Security.INSECURE_TEST_ONLY.checkAllowed();
        } finally {
            if (old == null) {
                System.clearProperty(Security.ALLOW_INSECURE_PROPERTY);
            } else {
                System.setProperty(Security.ALLOW_INSECURE_PROPERTY, old);
            }
        }
    }

    @Test
    void modeParsing() {
        assertEquals(Mode.CLIENT_AIDED, Mode.parse("client-aided"));
        assertEquals(Mode.NON_INTERACTIVE, Mode.parse("NON_INTERACTIVE"));
        assertEquals("non-interactive", Mode.NON_INTERACTIVE.label());
        assertThrows(IllegalArgumentException.class, () -> Mode.parse("eager"));
    }
}
