package dev.hestyle.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks and names output files, so that a long run does not fail at the very end on a typo in a path. */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Fails early if the folder {@code file} should go into does not exist. */
    static void checkParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot write " + file + ": folder " + parent + " does not exist");
        }
    }

    /** {@code out.png} with suffix {@code -x8} is {@code out-x8.png}; the extension stays last. */
    static Path withSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
        return file.resolveSibling(renamed);
    }
}
