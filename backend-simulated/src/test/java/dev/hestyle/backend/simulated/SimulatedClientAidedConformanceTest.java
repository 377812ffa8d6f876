package dev.hestyle.backend.simulated;

import dev.hestyle.conformance.BackendConformanceKit;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Security;

/** The conformance kit on the simulator in client-aided mode, with the noise of the 128-bit N=2^14 parameter set. */
class SimulatedClientAidedConformanceTest extends BackendConformanceKit {

    @Override
    protected BackendProvider provider() {
        return new SimulatedBackendProvider();
    }

    @Override
    protected CompileOptions options() {
        return super.options().withMode(Mode.CLIENT_AIDED).withSecurity(Security.BITS_128);
    }
}
