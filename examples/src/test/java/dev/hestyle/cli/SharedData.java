package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference data beside the checkout; a test that needs it fails if it is missing. */
final class SharedData {
    private SharedData() {
    }

    static Path root() {
        String prop = System.getProperty("hestyle.shared");
        Path[] candidates = {prop == null ? null : Path.of(prop), Path.of("../shared"), Path.of("../../shared")};
        for (Path p : candidates) {
            if (p != null && Files.isDirectory(p.resolve("reference"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return fail("shared data not found: set -Dhestyle.shared to the folder holding reference/ and seed/ (tried "
                + prop + ", ../shared, ../../shared)");
    }

    static Path reference() {
        return root().resolve("reference");
    }

    /** The larger reference images, 64x64 to 256x256, named {@code <name>-HxW}. */
    static Path referenceLarge() {
        return root().resolve("reference-large");
    }

    static Path checkpoint() {
        Path p = root().resolve("seed/checkpoints/Mosaic-last_checkpoint.pth");
        if (!Files.isRegularFile(p)) {
            fail("checkpoint missing: " + p);
        }
        return p;
    }
}
