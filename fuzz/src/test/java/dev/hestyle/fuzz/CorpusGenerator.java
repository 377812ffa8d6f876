package dev.hestyle.fuzz;

import dev.hestyle.api.RgbImage;
import dev.hestyle.backend.openfhe.jni.OpenFheInstallation;
import dev.hestyle.cli.json.JsonWriter;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompiledModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the seed corpus: real artifacts of {@link SmallModel} on the simulated and (when its native library is
 * there) OpenFHE backends, a small checkpoint in torch's format, small PNG and JPEG images, and the JSON bodies of
 * the HTTP protocol. Run once, from the module directory, with the test class path; the output is committed.
 * Inputs that fuzzing found are not written here: they are kept as the fuzzer saved them.
 *
 * <pre>{@code java -Dhestyle.allowInsecure=true -cp <test class path> dev.hestyle.fuzz.CorpusGenerator src/test/resources}</pre>
 */
public final class CorpusGenerator {
    private static final Logger log = LoggerFactory.getLogger(CorpusGenerator.class);
    /**
     * Evaluation keys longer than this are cut (the header, description and first keys still seed the decoder), to
     * keep the committed corpus small; the small model's OpenFHE keys (1.8 MB) fit whole.
     */
    private static final int MAX_KEY_BYTES = 2 << 20;

    private final Path root;

    private CorpusGenerator(Path root) {
        this.root = root.resolve("dev/hestyle/fuzz");
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CorpusGenerator <test resources directory>");
        }
        CorpusGenerator g = new CorpusGenerator(Path.of(args[0]));
        byte[] simulatedCt = g.artifacts("Simulated", Models.simulated(), Integer.MAX_VALUE);
        g.write("WireFuzzTest", "headerAndSections", "simulated-ciphertext.bin", simulatedCt);
        if (OpenFheInstallation.current().problem().isEmpty()) {
            g.artifacts("OpenFhe", Models.openFhe(), MAX_KEY_BYTES);
        } else {
            log.warn("OpenFHE unavailable, its corpus not written: {}", OpenFheInstallation.current().problem().get());
        }
        g.write("CheckpointZipFuzzTest", "checkpoint", "small.pth", TorchCheckpoint.file());
        g.write("CheckpointPickleFuzzTest", "pickle", "data.pkl", TorchCheckpoint.pickle());
        g.images();
        g.json();
        g.regressions(simulatedCt);
    }

    /** Inputs that broke the wire and JSON code before it was fixed; each must now be refused with the typed error. */
    private void regressions(byte[] ciphertext) throws IOException {
        byte[] badUtf8 = ciphertext.clone();
        badUtf8[10] = (byte) 0xFF; // inside the backend name: a header that cannot be written back as read
        write("WireFuzzTest", "headerAndSections", "header-invalid-utf8.bin", badUtf8);
        byte[] hugeSection = Arrays.copyOf(ciphertext, ciphertext.length + 12);
        System.arraycopy(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, 0}, 0, hugeSection, ciphertext.length, 4);
        write("WireFuzzTest", "headerAndSections", "section-length-beyond-data.bin", hugeSection);
        write("JsonFuzzTest", "parse", "deep-nesting.json", "[".repeat(50_000).getBytes(StandardCharsets.US_ASCII));
        write("JsonFuzzTest", "parse", "lone-surrogate.json", "[\"\\ud800\", \"\\udc00x\"]".getBytes(StandardCharsets.US_ASCII));
        write("JsonFuzzTest", "parse", "number-beyond-double.json", "[1e999]".getBytes(StandardCharsets.US_ASCII));
        write("JsonFuzzTest", "parse", "number-beyond-long.json", "[18446744073709551616]".getBytes(StandardCharsets.US_ASCII));
        write("JsonFuzzTest", "parse", "unicode-escape-sign.json", "\"\\u+041\"".getBytes(StandardCharsets.US_ASCII));
        write("JsonFuzzTest", "parse", "number-leading-dot.json", "[.5]".getBytes(StandardCharsets.US_ASCII));
    }

    /** A ciphertext, evaluation keys and a secret key of {@code model}; returns the ciphertext. */
    private byte[] artifacts(String backend, CompiledModel model, int maxKeyBytes) throws IOException {
        try (Client client = model.newClient(); Ciphertext ct = client.encrypt(SmallModel.input())) {
            byte[] ctBytes = ct.toBytes();
            write(backend + "CiphertextFuzzTest", "ciphertext", "input.bin", ctBytes);
            ByteArrayOutputStream keys = new ByteArrayOutputStream();
            client.evaluationKeys().writeTo(keys);
            byte[] k = keys.toByteArray();
            write(backend + "EvaluationKeysFuzzTest", "evaluationKeys", k.length > maxKeyBytes ? "keys-head.bin" : "keys.bin",
                    Arrays.copyOf(k, Math.min(k.length, maxKeyBytes)));
            ByteArrayOutputStream secret = new ByteArrayOutputStream();
            client.writeSecretKey(secret);
            write(backend + "SecretKeyFuzzTest", "secretKey", "secret.bin", secret.toByteArray());
            return ctBytes;
        }
    }

    private void images() throws IOException {
        int[] px = new int[8 * 6];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37 % 256) << 16 | (i * 11 % 256) << 8 | (255 - i * 5);
        }
        RgbImage image = new RgbImage(8, 6, px);
        write("ImageFuzzTest", "decode", "rgb.png", ImageFiles.pngBytes(image));
        write("ImageFuzzTest", "decode", "rgb.jpg", encoded(ImageFiles.toBufferedImage(image), "jpeg"));
        BufferedImage grey = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(2, 1, 0, 200);
        write("ImageFuzzTest", "decode", "grey.png", encoded(grey, "png"));
        write("ImageFuzzTest", "decode", "grey.jpg", encoded(grey, "jpeg"));
    }

    private static byte[] encoded(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /** The bodies the server sends and the client parses (see the protocol in the README). */
    private void json() throws IOException {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "ok");
        health.put("backend", "openfhe");
        health.put("mode", "client-aided");
        health.put("workers", 2);
        health.put("maxBodyBytes", 268_435_456L);
        json("health.json", health);
        json("upload.json", Map.of("upload", "u-1f2e", "maxChunkBytes", 8_388_608));
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("session", "s-77");
        session.put("state", "needs-client");
        session.put("round", 3);
        session.put("progress", Map.of("phase", "eval", "done", 4, "total", 10));
        session.put("ratio", 0.25);
        session.put("tags", List.of("a", true, false));
        session.put("none", null);
        json("session.json", session);
        json("error.json", Map.of("error", "BAD_MAGIC", "message", "not a hestyle artifact (bad magic bytes) \"quoted\"\n\u00e9\ud83d\ude00"));
        write("JsonFuzzTest", "parse", "numbers.json", "[0, -0, 12, -3.5e-7, 1E+300, 1.0E10, 9223372036854775807]".getBytes(StandardCharsets.UTF_8));
        write("JsonFuzzTest", "parse", "escapes.json", "\"\\u00e9\\ud83d\\ude00\\b\\f\\n\\r\\t\\/\\\\\"".getBytes(StandardCharsets.UTF_8));
    }

    private void json(String name, Object value) throws IOException {
        write("JsonFuzzTest", "parse", name, JsonWriter.write(value).getBytes(StandardCharsets.UTF_8));
    }

    private void write(String testClass, String method, String name, byte[] bytes) throws IOException {
        Path dir = root.resolve(testClass + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
        log.info("{}/{}/{}: {} bytes", testClass, method, name, bytes.length);
    }
}
