package dev.hestyle.backend.openfhe;

import dev.hestyle.api.BackendNotFoundException;
import dev.hestyle.backend.openfhe.jni.OpenFheInstallation;
import dev.hestyle.ckks.backend.CkksBackend;
import dev.hestyle.spi.Availability;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.BackendProvider;
import java.util.Optional;

/**
 * Registers the OpenFHE backend. Availability is decided from files alone (the glue library in the jar,
 * OpenFHE's library on disk); native code loads when the backend is first used.
 */
public final class OpenFheBackendProvider implements BackendProvider {
    /** Backend name, also written into artifact headers. */
    public static final String NAME = "openfhe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean encrypts() {
        return true;
    }

    @Override
    public Availability availability() {
        Optional<String> problem;
        try {
            problem = OpenFheInstallation.current().problem();
        } catch (RuntimeException e) {
            problem = Optional.of("backend-openfhe is incomplete: " + e.getMessage());
        }
        return problem.map(Availability::no).orElseGet(Availability::yes);
    }

    @Override
    public Backend create() {
        Availability availability = availability();
        if (!availability.available()) {
            throw new BackendNotFoundException("the OpenFHE backend is not available: " + availability.reason());
        }
        return new CkksBackend(new OpenFheEngine(), true);
    }
}
