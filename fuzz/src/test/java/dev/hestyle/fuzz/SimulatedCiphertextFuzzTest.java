package dev.hestyle.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The simulated backend's reader of a ciphertext, through {@code CompiledModel}. */
class SimulatedCiphertextFuzzTest {

    @FuzzTest
    void ciphertext(byte[] bytes) {
        ArtifactDecoding.ciphertext(Models.simulated(), bytes);
    }
}
