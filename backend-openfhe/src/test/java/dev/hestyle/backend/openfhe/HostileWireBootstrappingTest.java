package dev.hestyle.backend.openfhe;

import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.Security;
import java.util.Set;

/**
 * {@link HostileWireKit} on the insecure bootstrapping (non-interactive) set: N=2^12, depth 24, 64 slots
 * (fewer bootstrapping keys than more slots would need), with bootstrapping keys. Key sets are large
 * here, so the key corpus is smaller.
 */
class HostileWireBootstrappingTest extends HostileWireKit {
    @Override
    ParameterRequest request() {
        return new ParameterRequest(Security.INSECURE_TEST_ONLY, 64, 10, true);
    }

    @Override
    KeyRequest keyRequest() {
        return new KeyRequest(Set.of(1, 3), true, true);
    }

    @Override
    int ciphertextFlips() {
        return 600;
    }

    @Override
    int keyFlips() {
        return 4;
    }

    @Override
    int bootstraps() {
        return 3;
    }

    @Override
    int minimumRejected() {
        return 1000;
    }

    @Override
    long memoryBoundKib() {
        return 16 * 1024;
    }
}
