package dev.hestyle.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hestyle.mosaic.checkpoint.CheckpointException;

/** Whole checkpoint files (zip container and all); refusal must be a {@link CheckpointException}. */
class CheckpointZipFuzzTest {

    @FuzzTest
    void checkpoint(byte[] bytes) {
        Refusals.onlyAs(CheckpointException.class, () -> CheckpointFile.read(bytes));
    }
}
