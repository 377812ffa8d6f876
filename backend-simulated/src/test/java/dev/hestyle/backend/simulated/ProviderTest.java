package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.BackendNotFoundException;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.Backends;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider is registered, available, and only ever used when named. */
class ProviderTest {

    @Test
    void registeredAvailableAndNotEncrypting() {
        BackendProvider p = Backends.providers().stream().filter(x -> x.name().equals("simulated")).findFirst().orElseThrow();
        assertEquals(SimulatedBackendProvider.class, p.getClass());
        assertEquals(10, p.priority());
        assertFalse(p.encrypts());
        assertTrue(p.availability().available());
        try (Backend b = p.create()) {
            assertEquals("simulated", b.name());
            assertFalse(b.encrypts());
        }
    }

    @Test
    void neverChosenAutomatically() {
        List<BackendProvider> only = List.of(new SimulatedBackendProvider());
        assertThrows(BackendNotFoundException.class, () -> Backends.select("auto", only));
        assertEquals("simulated", Backends.select("simulated", only).name());
    }
}
