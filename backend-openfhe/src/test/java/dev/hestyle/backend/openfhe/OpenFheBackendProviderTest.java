package dev.hestyle.backend.openfhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.BackendNotFoundException;
import dev.hestyle.backend.openfhe.jni.OpenFheInstallation;
import dev.hestyle.spi.Availability;
import dev.hestyle.spi.BackendProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Discovery and availability, which must work without loading native code. */
class OpenFheBackendProviderTest {

    @Test
    void isRegisteredAsAnEncryptingProvider() {
        BackendProvider provider = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("openfhe")).findFirst().orElseThrow();
        assertTrue(provider instanceof OpenFheBackendProvider);
        assertTrue(provider.encrypts());
        assertEquals(100, provider.priority());
    }

    @Test
    void missingGlueLibraryIsReportedWithWhatToDo() {
        String previous = System.getProperty(OpenFheInstallation.LIBRARY_PROPERTY);
        System.setProperty(OpenFheInstallation.LIBRARY_PROPERTY, "no/such/libhestyle_openfhe_jni.so");
        try {
            OpenFheBackendProvider provider = new OpenFheBackendProvider();
            Availability availability = provider.availability();
            assertFalse(availability.available());
            assertTrue(availability.reason().contains(OpenFheInstallation.LIBRARY_PROPERTY), availability.reason());
            assertThrows(BackendNotFoundException.class, provider::create);
        } finally {
            if (previous == null) {
                System.clearProperty(OpenFheInstallation.LIBRARY_PROPERTY);
            } else {
                System.setProperty(OpenFheInstallation.LIBRARY_PROPERTY, previous);
            }
        }
    }

    @Test
    void installHintNamesThePinnedPackageAndTheScript() {
        String hint = OpenFheInstallation.current().installHint();
        assertTrue(hint.contains("scripts/provision-natives.sh"), hint);
        assertTrue(hint.matches(".*heir_py==\\d+\\.\\d+\\.\\d+.*"), hint);
        assertTrue(hint.contains(OpenFheInstallation.PREFIX_ENV), hint);
    }

    @Test
    @RequiresOpenFhe
    void isAvailableWhenTheNativeLibraryIsThere() {
        Availability availability = new OpenFheBackendProvider().availability();
        assertTrue(availability.available(), availability.reason());
    }
}
