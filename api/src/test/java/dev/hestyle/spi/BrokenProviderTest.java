package dev.hestyle.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class path whose services file names broken providers next to a working one: the working one is
 * found, each broken one is logged by name and skipped.
 */
class BrokenProviderTest {
    @TempDir
    Path dir;

    /** A provider that loads fine. Public with a public constructor, as ServiceLoader requires. */
    public static class GoodProvider implements BackendProvider {
        @Override
        public String name() {
            return "good";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public boolean encrypts() {
            return true;
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public Backend create() {
            throw new UnsupportedOperationException("never created in this test");
        }
    }

    /** A provider whose constructor fails, as one whose jar lacks a class it needs would. */
    public static final class ThrowingProvider extends GoodProvider {
        public ThrowingProvider() {
            throw new IllegalStateException("constructor of the throwing provider failed");
        }
    }

    /** Registered by mistake: not a {@link BackendProvider}. */
    public static final class NotAProvider {
    }

    @Test
    void brokenRegistrationsAreLoggedAndSkipped() throws IOException {
        Path services = dir.resolve("META-INF/services/" + BackendProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, String.join("\n",
                "dev.hestyle.spi.NoSuchProviderClass",
                ThrowingProvider.class.getName(),
                NotAProvider.class.getName(),
                GoodProvider.class.getName()) + "\n", StandardCharsets.UTF_8);

        List<BackendProvider> found;
        String log;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, BrokenProviderTest.class.getClassLoader())) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            found = Backends.providers(loader);
        } finally {
            System.setErr(oldErr);
        }
        log = err.toString(StandardCharsets.UTF_8);

        assertEquals(List.of("good"), found.stream().map(BackendProvider::name).toList(), log);
        assertEquals(GoodProvider.class, found.get(0).getClass());
        for (String broken : new String[] {"dev.hestyle.spi.NoSuchProviderClass", ThrowingProvider.class.getName(), NotAProvider.class.getName()}) {
            assertTrue(log.contains("WARN") && log.contains(broken), "a warning names " + broken + ":\n" + log);
        }
    }
}
