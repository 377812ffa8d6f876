package dev.hestyle.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The simulated backend's reader of a secret key, through {@code CompiledModel}. */
class SimulatedSecretKeyFuzzTest {

    @FuzzTest
    void secretKey(byte[] bytes) {
        ArtifactDecoding.secretKey(Models.simulated(), bytes);
    }
}
