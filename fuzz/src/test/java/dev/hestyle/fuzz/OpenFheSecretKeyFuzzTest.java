package dev.hestyle.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The OpenFHE backend's reader of a secret key (native deserialisation behind the envelope), through {@code CompiledModel}. */
@RequiresOpenFhe
class OpenFheSecretKeyFuzzTest {

    @FuzzTest
    void secretKey(byte[] bytes) {
        ArtifactDecoding.secretKey(Models.openFhe(), bytes);
    }
}
