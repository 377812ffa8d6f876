package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad command lines are usage errors: exit code 2 and a message naming the problem. */
class UsageTest {

    private static CliRun usageError(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
        return r;
    }

    @Test
    void noSubcommand() {
        CliRun r = usageError();
        assertTrue(r.err().contains("Missing required subcommand"), r::toString);
        assertTrue(r.err().contains("stylize") && r.err().contains("bench"), r::toString);
    }

    @Test
    void unknownSubcommandOrOption() {
        usageError("frobnicate");
        CliRun r = usageError("stylize", "--sample", "x", "--output", "o.png", "--colour", "blue");
        assertTrue(r.err().contains("--colour"), r::toString);
    }

    @Test
    void stylizeNeedsOutputAndExactlyOneSource() {
        assertTrue(usageError("stylize", "--sample", "x").err().contains("--output"));
        usageError("stylize", "--output", "o.png");
        CliRun both = usageError("stylize", "--input", "a.png", "--sample", "x", "--output", "o.png");
        assertTrue(both.err().contains("mutually exclusive"), both::toString);
    }

    @Test
    void badValuesAreRejectedBeforeAnyWork() {
        CliRun depth = usageError("stylize", "--sample", "x", "--output", "o.png", "--relu-depth", "9");
        assertTrue(depth.err().contains("2..7"), depth::toString);
        CliRun mode = usageError("stylize", "--sample", "x", "--output", "o.png", "--mode", "sometimes");
        assertTrue(mode.err().contains("client-aided"), mode::toString);
        usageError("stylize", "--sample", "x", "--output", "o.png", "--upscale", "0");
        usageError("stylize", "--sample", "x", "--output", "o.png", "--upscale", "big");
        usageError("bench", "--backend", "clear", "--images", ".", "--json", "o.json", "--limit", "-1");
    }

    @Test
    void badSizesAreUsageErrors() {
        for (String bad : new String[] {"30", "32x30", "0", "big", "32x", "x32", "8192"}) {
            CliRun r = usageError("stylize", "--sample", "cat", "--output", "o.png", "--size", bad);
            assertTrue(r.err().contains("--size"), r::toString);
        }
        assertTrue(usageError("stylize", "--sample", "cat", "--output", "o.png", "--size", "30").err().contains("multiple of 4"));
        assertTrue(usageError("keygen", "--secret-key", "s", "--eval-keys", "e", "--size", "33x32").err().contains("multiples of 4"));
        // bench takes each image's own size, so the option would be silently wrong there
        CliRun bench = usageError("bench", "--backend", "clear", "--images", ".", "--json", "o.json", "--size", "64");
        assertTrue(bench.err().contains("own size"), bench::toString);
    }

    @Test
    void benchNeedsBackendImagesAndJson() {
        assertTrue(usageError("bench", "--images", ".", "--json", "o.json").err().contains("--backend"));
        assertTrue(usageError("bench", "--backend", "clear", "--json", "o.json").err().contains("--images"));
        assertTrue(usageError("bench", "--backend", "clear", "--images", ".").err().contains("--json"));
    }

    @Test
    void helpIsNotAnError() {
        CliRun r = CliRun.of("stylize", "--help");
        assertEquals(Main.EXIT_OK, r.code(), r::toString);
        assertTrue(r.out().contains("--insecure-test-params"), r::toString);
    }
}
