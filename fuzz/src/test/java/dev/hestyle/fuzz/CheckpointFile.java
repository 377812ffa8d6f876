package dev.hestyle.fuzz;

import dev.hestyle.mosaic.checkpoint.CheckpointReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads checkpoint bytes through the public reader, which takes a file: one scratch file per JVM, rewritten per input. */
final class CheckpointFile {
    private static final Path SCRATCH = create();

    private CheckpointFile() {
    }

    static void read(byte[] bytes) throws IOException {
        Files.write(SCRATCH, bytes);
        CheckpointReader.read(SCRATCH);
    }

    private static Path create() {
        try {
            Path p = Files.createTempFile("hestyle-fuzz-checkpoint", ".pth");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
