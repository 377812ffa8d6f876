package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.Backends;
import dev.hestyle.spi.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backend choice errors are runtime errors (exit 1) that explain what was found and what to do. */
class BackendChoiceTest {
    @TempDir
    Path tmp;

    private String[] stylize(String backend, String... extra) {
        String[] base = {"stylize", "--input", SharedData.reference().resolve("632.input.png").toString(),
            "--output", tmp.resolve("out.png").toString(), "--checkpoint", SharedData.checkpoint().toString(), "--backend", backend};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void unknownBackendListsTheBackendsFound() {
        CliRun r = CliRun.of(stylize("nosuch"));
        assertEquals(Main.EXIT_ERROR, r.code(), r::toString);
        assertTrue(r.err().contains("unknown backend 'nosuch'"), r::toString);
        assertTrue(r.err().contains("Backends found:"), r::toString);
        assertTrue(r.err().contains("clear"), r::toString);
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r);
        assertFalse(Files.exists(tmp.resolve("out.png")));
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun r = CliRun.of(stylize("nosuch", "--verbose"));
        assertEquals(Main.EXIT_ERROR, r.code(), r::toString);
        assertTrue(r.err().contains("\tat "), r::toString);
    }

    @Test
    void autoChoosesAnEncryptingBackendOrRefusesNeverTheClearOne() {
        assertTrue(Backends.providers().stream().map(BackendProvider::name).anyMatch("clear"::equals),
                "the clear backend must be on the class path for this test to mean anything");
        boolean encryptingAvailable = Backends.providers().stream()
                .anyMatch(p -> p.encrypts() && p.availability().available());
        CliRun r = CliRun.of(stylize("auto"));
        if (encryptingAvailable) {
            // the tool's default: an encrypting backend in client-aided mode at 128-bit security
            assertEquals(Main.EXIT_OK, r.code(), r::toString);
            assertTrue(r.out().contains("128-bit"), r::toString);
            assertFalse(r.out().contains("NOT ENCRYPTED"), r::toString);
            assertTrue(Files.exists(tmp.resolve("out.png")));
        } else {
            assertNotEquals(Main.EXIT_OK, r.code(), r::toString);
            assertTrue(r.err().contains("no encrypting backend is available"), r::toString);
            assertTrue(r.err().contains("never falls back to computing in the clear"), r::toString);
            assertFalse(Files.exists(tmp.resolve("out.png")), "nothing may be written when no backend was chosen");
        }
    }

    @Test
    void insecureParametersNeedTheJvmSwitch() {
        String before = System.clearProperty(Security.ALLOW_INSECURE_PROPERTY);
        try {
            CliRun r = CliRun.of(stylize("clear", "--insecure-test-params"));
            assertEquals(Main.EXIT_ERROR, r.code(), r::toString);
            assertTrue(r.err().contains("-D" + Security.ALLOW_INSECURE_PROPERTY + "=true"), r::toString);
        } finally {
            if (before != null) {
                System.setProperty(Security.ALLOW_INSECURE_PROPERTY, before);
            }
        }
    }
}
