package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.RgbImage;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.Backends;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Security;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy workflow as people run it: {@code keygen}, then {@code serve} and {@code run} in two separate
 * JVMs talking HTTP, on the eight reference images. The decrypted results must be those of the one-process
 * {@code stylize} path ({@link StyleTransfer#encryptRun}) with the same backend and mode.
 */
class TwoProcessTest {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path tmp;

    @Test
    void clientAidedOnTheSimulatedBackendEqualsTheOneProcessPath() throws Exception {
        assertSameAsOneProcess("simulated", Mode.CLIENT_AIDED, 0);
    }

    @Test
    void nonInteractiveOnTheSimulatedBackendEqualsTheOneProcessPath() throws Exception {
        assertSameAsOneProcess("simulated", Mode.NON_INTERACTIVE, 0);
    }

    /**
     * Real encryption draws fresh randomness for every encryption, so two runs of the same image differ by
     * CKKS noise; the two paths must agree to within a few grey levels.
     */
    @Test
    void clientAidedOnOpenFheMatchesTheOneProcessPath() throws Exception {
        Optional<BackendProvider> openfhe = Backends.providers().stream().filter(p -> p.name().equals("openfhe")).findFirst();
        Assumptions.assumeTrue(openfhe.isPresent(), "SKIPPED: no 'openfhe' backend on the class path");
        Assumptions.assumeTrue(openfhe.get().availability().available(), () -> "SKIPPED: 'openfhe' unavailable: " + openfhe.get().availability());
        assertSameAsOneProcess("openfhe", Mode.CLIENT_AIDED, 3);
    }

    private void assertSameAsOneProcess(String backend, Mode mode, int tolerance) throws Exception {
        List<Path> inputs = referenceInputs();
        String[] common = {"--backend", backend, "--mode", mode.label(), "--insecure-test-params", "--checkpoint", SharedData.checkpoint().toString()};
        Path secret = tmp.resolve("secret.key");
        Path evalKeys = tmp.resolve("eval.keys");
        CliRun keygen = ServerProcess.run(tmp, RUN_TIMEOUT, concat(new String[] {"keygen", "--secret-key", secret.toString(), "--eval-keys", evalKeys.toString()}, common));
        assertEquals(Main.EXIT_OK, keygen.code(), keygen::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), "secret key is owner-only");

        Path outDir = Files.createDirectory(tmp.resolve("out"));
        try (ServerProcess server = ServerProcess.serve(tmp, common)) {
            List<String> args = new ArrayList<>(List.of("run", "--server", server.base.toString(), "--secret-key", secret.toString(),
                    "--eval-keys", evalKeys.toString(), "--output-dir", outDir.toString()));
            args.addAll(List.of(common));
            inputs.forEach(i -> args.addAll(List.of("--input", i.toString())));
            CliRun run = ServerProcess.run(tmp, RUN_TIMEOUT, args.toArray(String[]::new));
            assertEquals(Main.EXIT_OK, run.code(), () -> run + "\n--- server\n" + log(server));
            int rounds = mode == Mode.CLIENT_AIDED ? 10 : 0;
            assertEquals(inputs.size(), count(run.out(), rounds + " client round trips"), run::toString);
            // the server's access token is kept beside the key file, owner-only; with it the next run skips the upload
            Path tokens = tmp.resolve("eval.keys.tokens");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)), "token file is owner-only");
            List<String> again = new ArrayList<>(args.subList(0, args.indexOf("--output-dir")));
            again.addAll(List.of("--output", tmp.resolve("again.png").toString(), "--input", inputs.get(0).toString()));
            again.addAll(List.of(common));
            CliRun second = ServerProcess.run(tmp, RUN_TIMEOUT, again.toArray(String[]::new));
            assertEquals(Main.EXIT_OK, second.code(), () -> second + "\n--- server\n" + log(server));
            assertTrue(second.out().contains("the server already holds evaluation keys"), second::toString);
            // 143 = 128 + SIGTERM: how a JVM exits on that signal once its shutdown hooks have run
            assertEquals(143, server.stop(), "exit status after SIGTERM");
            String log = log(server);
            assertTrue(log.contains("server stopped"), log);
        }

        CompileOptions options = CompileOptions.defaults().withMode(mode).withSecurity(Security.INSECURE_TEST_ONLY);
        try (StyleTransfer st = StyleTransfer.create(MosaicModel.load(SharedData.checkpoint()), backend, options)) {
            for (Path input : inputs) {
                RgbImage expected = st.encryptRun(ImageFiles.read(input)).image();
                RgbImage actual = ImageFiles.read(outDir.resolve(input.getFileName().toString().replaceAll("\\.png$", "") + ".png"));
                int diff = maxAbsDiff(expected, actual);
                assertTrue(diff <= tolerance, input.getFileName() + ": two-process result differs from stylize by " + diff + " grey levels");
            }
        }
    }

    static List<Path> referenceInputs() throws IOException {
        try (Stream<Path> files = Files.list(SharedData.reference())) {
            List<Path> inputs = files.filter(p -> p.getFileName().toString().endsWith(".input.png")).sorted().toList();
            assertEquals(8, inputs.size(), "reference inputs in " + SharedData.reference());
            return inputs;
        }
    }

    static int maxAbsDiff(RgbImage a, RgbImage b) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        int max = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    max = Math.max(max, Math.abs(a.channel(x, y, c) - b.channel(x, y, c)));
                }
            }
        }
        return max;
    }

    private static String log(ServerProcess s) {
        try {
            return s.log();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
