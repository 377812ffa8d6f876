package dev.hestyle.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The OpenFHE backend's reader of a ciphertext (native deserialisation behind the envelope), through {@code CompiledModel}. */
@RequiresOpenFhe
class OpenFheCiphertextFuzzTest {

    @FuzzTest
    void ciphertext(byte[] bytes) {
        ArtifactDecoding.ciphertext(Models.openFhe(), bytes);
    }
}
