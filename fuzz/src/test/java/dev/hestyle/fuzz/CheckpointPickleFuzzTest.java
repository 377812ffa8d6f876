package dev.hestyle.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hestyle.mosaic.checkpoint.CheckpointException;

/**
 * The state-dict pickle inside a well-formed checkpoint zip, so that mutations reach the pickle machine instead of
 * breaking the zip's checksums; refusal must be a {@link CheckpointException}.
 */
class CheckpointPickleFuzzTest {

    @FuzzTest
    void pickle(byte[] pickle) {
        byte[] file = TorchCheckpoint.archive(pickle);
        Refusals.onlyAs(CheckpointException.class, () -> CheckpointFile.read(file));
    }
}
