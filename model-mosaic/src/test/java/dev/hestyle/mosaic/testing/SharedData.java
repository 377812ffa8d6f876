package dev.hestyle.mosaic.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared reference data beside the checkout: system property {@code hestyle.shared}, else
 * {@code ../shared}, else {@code ../../shared}. Missing data fails the test, it never skips it.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String prop = System.getProperty("hestyle.shared");
        for (Path p : new Path[] {prop == null ? null : Path.of(prop), Path.of("../shared"), Path.of("../../shared")}) {
            if (p != null && Files.isDirectory(p.resolve("reference"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return fail("shared reference data not found: set -Dhestyle.shared=<folder with reference/ and seed/>"
                + " (tried the property, ../shared and ../../shared)");
    }

    /** The published Mosaic checkpoint. */
    public static Path checkpoint() {
        return existing(root().resolve("seed/checkpoints/Mosaic-last_checkpoint.pth"));
    }

    /** {@code reference/<name>}. */
    public static Path reference(String name) {
        return existing(root().resolve("reference").resolve(name));
    }

    /** {@code reference-large/<name>}: inputs and outputs at 64x64 to 256x256. */
    public static Path referenceLarge(String name) {
        return existing(root().resolve("reference-large").resolve(name));
    }

    /** {@code seed/cifar100/<name>}. */
    public static Path cifar(String name) {
        return existing(root().resolve("seed/cifar100").resolve(name));
    }

    /** The ids of the reference images. */
    public static String[] referenceIds() {
        return new String[] {"10", "59665", "59689", "59776", "59796", "59801", "632", "6327"};
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            fail("shared data file missing: " + p);
        }
        return p;
    }
}
