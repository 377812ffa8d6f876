package dev.hestyle.backend.simulated;

import dev.hestyle.conformance.BackendConformanceKit;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Security;

/**
 * The conformance kit on the simulator in non-interactive mode (polynomial ReLUs and bootstrapping), with
 * the noise of the modelled 128-bit parameter sets: the simulator costs nothing at 128 bits.
 */
class SimulatedNonInteractiveConformanceTest extends BackendConformanceKit {

    @Override
    protected BackendProvider provider() {
        return new SimulatedBackendProvider();
    }

    @Override
    protected CompileOptions options() {
        return super.options().withSecurity(Security.BITS_128);
    }

    /** The project's target for depth-5 ReLUs with bootstrapping: no reference image below 32 dB. */
    @Override
    protected double minEndToEndPsnr() {
        return 32;
    }
}
