package dev.hestyle.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The simulated backend's reader of evaluation keys, through {@code CompiledModel}. */
class SimulatedEvaluationKeysFuzzTest {

    @FuzzTest
    void evaluationKeys(byte[] bytes) {
        ArtifactDecoding.evaluationKeys(Models.simulated(), bytes);
    }
}
