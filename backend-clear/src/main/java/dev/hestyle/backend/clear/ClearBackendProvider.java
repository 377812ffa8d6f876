package dev.hestyle.backend.clear;

import dev.hestyle.spi.Availability;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.BackendProvider;

/**
 * Registers the {@link ClearBackend} as {@value #NAME}. It does not encrypt, so it is never chosen
 * automatically; it must be named.
 */
public final class ClearBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "clear";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean encrypts() {
        return false;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Backend create() {
        return new ClearBackend();
    }
}
