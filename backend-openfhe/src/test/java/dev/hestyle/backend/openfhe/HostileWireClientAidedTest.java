package dev.hestyle.backend.openfhe;

import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.Security;
import java.util.Set;

/** {@link HostileWireKit} on the insecure leveled (client-aided) set: N=2^12, 3 levels. */
class HostileWireClientAidedTest extends HostileWireKit {
    @Override
    ParameterRequest request() {
        return new ParameterRequest(Security.INSECURE_TEST_ONLY, 256, 3, false);
    }

    @Override
    KeyRequest keyRequest() {
        return new KeyRequest(Set.of(1, 5, 17), true, false);
    }

    @Override
    int ciphertextFlips() {
        return 600;
    }

    @Override
    int keyFlips() {
        return 40;
    }

    @Override
    int bootstraps() {
        return 0;
    }

    @Override
    int minimumRejected() {
        return 1000;
    }

    @Override
    long memoryBoundKib() {
        return 8 * 1024;
    }
}
