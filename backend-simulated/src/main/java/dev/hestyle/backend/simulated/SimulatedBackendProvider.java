package dev.hestyle.backend.simulated;

import dev.hestyle.ckks.backend.CkksBackend;
import dev.hestyle.spi.Availability;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.BackendProvider;

/**
 * Registers the simulated CKKS backend ({@code "simulated"}). It is always available (pure Java) but
 * {@link #encrypts()} is {@code false}, so it is never chosen automatically: name it explicitly. It
 * runs the shared CKKS program with modelled noise, levels and costs — <b>nothing is encrypted</b>.
 * The noise seed comes from the system property {@value SimulationOptions#SEED_PROPERTY}.
 */
public final class SimulatedBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return SimulatedEngine.NAME;
    }

    @Override
    public int priority() {
        return 10;
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
        return new CkksBackend(new SimulatedEngine(SimulationOptions.defaults()), false);
    }
}
