package dev.hestyle.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The OpenFHE backend's reader of evaluation keys (native deserialisation behind the envelope), through {@code CompiledModel}. */
@RequiresOpenFhe
class OpenFheEvaluationKeysFuzzTest {

    @FuzzTest
    void evaluationKeys(byte[] bytes) {
        ArtifactDecoding.evaluationKeys(Models.openFhe(), bytes);
    }
}
