package dev.hestyle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set size, read from Linux's {@code /proc/self/status} ({@code VmHWM}). */
final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /** Peak RSS in bytes, or {@code null} where the operating system does not report it. */
    static Long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return parseKiloBytes(line.substring("VmHWM:".length()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Parses the {@code "  123456 kB"} format of {@code /proc/self/status}. */
    static Long parseKiloBytes(String field) {
        String[] parts = field.trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
            return null;
        }
        return Long.parseLong(parts[0]) * 1024L;
    }
}
