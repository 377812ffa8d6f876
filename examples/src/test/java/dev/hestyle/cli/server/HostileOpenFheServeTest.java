package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.client.KeyUploader;
import dev.hestyle.cli.client.RemoteEvaluation;
import dev.hestyle.cli.client.RemoteException;
import dev.hestyle.cli.client.ServerApi;
import dev.hestyle.cli.client.ServerKey;
import dev.hestyle.cli.json.JsonReader;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.Backends;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import dev.hestyle.tensor.Tensor;
import dev.hestyle.wire.Header;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A running {@code serve} on OpenFHE (insecure test parameters, client-aided) against hostile
 * ciphertexts and evaluation keys whose envelope, header and checksums are all valid but whose OpenFHE
 * body is crafted: every one gets a structured 4xx error, the server process survives, and the next
 * good evaluation gives the same image as before.
 */
@Timeout(900)
class HostileOpenFheServeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Offsets in hestyle's ciphertext encoding (format, slots, towers, degree, scale, coefficients). */
    private static final int TOWERS_AT = 8;
    private static final int DEGREE_AT = 12;
    private static final int SCALE_AT = 16;
    private static final int COEFFICIENTS_AT = 24;
    /** Offsets in hestyle's key encoding (format, kind, digits, towers, coefficients). */
    private static final int DIGITS_AT = 8;
    private static final int KEY_TOWERS_AT = 12;

    private static StyleTransfer serverSide;
    private static StyleServer server;
    private static URI base;
    private static StyleTransfer clientSide;
    private static Client client;
    private static ServerKey key;
    private static Tensor input;
    private static Tensor expected;

    @BeforeAll
    static void start() throws IOException {
        Optional<BackendProvider> openfhe = Backends.providers().stream().filter(p -> p.name().equals("openfhe")).findFirst();
        Assumptions.assumeTrue(openfhe.isPresent() && openfhe.get().availability().available()
                || Boolean.getBoolean("hestyle.openfhe.required"), "SKIPPED: 'openfhe' unavailable");
        serverSide = compile();
        server = StyleServer.start(serverSide.compiled(), new TestConfig().bodies(64L << 20, 8 << 20).build());
        base = URI.create("http://127.0.0.1:" + server.port());
        clientSide = compile();
        client = clientSide.compiled().newClient();
        key = upload(client);
        input = clientSide.model().preprocess(ImageFiles.read(InProcessServer.shared().resolve("reference/632.input.png")));
        expected = evaluate(client, key);
    }

    @AfterAll
    static void stop() {
        InProcessServer.closeAll(client, clientSide, server, serverSide);
    }

    @Test
    void craftedCiphertextBodiesGetStructuredErrorsAndTheServerKeepsServing() throws Exception {
        Artifact good = Artifact.of(client.encrypt(input).toBytes(), 1);
        ByteBuffer body = ByteBuffer.wrap(good.payload());
        int towers = body.getInt(TOWERS_AT);
        double scale = body.getDouble(SCALE_AT);
        List<byte[]> corpus = new ArrayList<>();
        for (int value : new int[] {0, 2, 4, -1, 0x01000080}) {
            corpus.add(good.with(b -> b.putInt(0, value)));
        }
        for (int value : new int[] {0, -1, towers - 1, towers + 1, 1 << 20}) {
            corpus.add(good.with(b -> b.putInt(TOWERS_AT, value)));
        }
        for (int value : new int[] {0, 2, 3, Integer.MIN_VALUE}) {
            corpus.add(good.with(b -> b.putInt(DEGREE_AT, value)));
        }
        for (double value : new double[] {scale * 2, scale * (1 + 1e-6), Double.NaN, 0, -scale}) {
            corpus.add(good.with(b -> b.putDouble(SCALE_AT, value)));
        }
        for (long value : new long[] {-1L, Long.MIN_VALUE, 1L << 62}) {
            corpus.add(good.with(b -> b.putLong(COEFFICIENTS_AT, value)));
            corpus.add(good.with(b -> b.putLong(good.payload().length - 8, value)));
        }
        Random random = new Random(5);
        for (int i = 0; i < 60; i++) {
            // bits of the count and scale fields: any change is refused
            int bit = random.nextInt((SCALE_AT + 2) * 8);
            corpus.add(good.with(b -> b.put(bit / 8, (byte) (b.get(bit / 8) ^ (1 << (bit % 8))))));
            corpus.add(good.cut(random.nextInt(good.payload().length)));
        }
        for (byte[] hostile : corpus) {
            HttpResponse<String> r = send(post("/v1/sessions?key=" + key.id(), hostile).header("Authorization", "Bearer " + key.token()));
            expectRefused(r);
        }
        assertStillServes();
    }

    @Test
    void craftedKeysAreRefusedAndTheIdStaysUsable() throws Exception {
        try (Client fresh = clientSide.compiled().newClient()) {
            byte[] keys = bytesOf(fresh.evaluationKeys()::writeTo);
            List<byte[]> corpus = new ArrayList<>();
            for (int section : new int[] {2, 3}) {
                Artifact good = Artifact.of(keys, section);
                int digits = ByteBuffer.wrap(good.payload()).getInt(DIGITS_AT);
                int towers = ByteBuffer.wrap(good.payload()).getInt(KEY_TOWERS_AT);
                corpus.add(good.with(b -> b.putInt(DIGITS_AT, digits - 1)));
                corpus.add(good.with(b -> b.putInt(KEY_TOWERS_AT, towers - 1)));
                corpus.add(good.with(b -> b.putInt(0, 2)));
                corpus.add(good.with(b -> b.putLong(COEFFICIENTS_AT - 8, -1L)));
                corpus.add(good.cut(good.payload().length - 8));
            }
            ServerApi api = new ServerApi(base);
            for (byte[] hostile : corpus) {
                RemoteException e = org.junit.jupiter.api.Assertions.assertThrows(RemoteException.class,
                        () -> new KeyUploader(api).ensure(null, hostile.length, out -> out.write(hostile), ProgressListener.NONE));
                assertTrue(e.status() >= 400 && e.status() < 500, e.toString());
                assertTrue(Set.of("CORRUPT", "TRUNCATED", "UNSUPPORTED_VERSION").contains(e.reason()), e.toString());
            }
            // the same client's real keys work: refused uploads left nothing behind
            assertSameImage(evaluate(fresh, upload(fresh)));
        }
        assertStillServes();
    }

    private static void assertStillServes() {
        assertEquals("ok", new ServerApi(base).health().get("status"));
        assertSameImage(evaluate(client, key));
    }

    /** OpenFHE's results differ by encryption noise from run to run, far below a pixel's resolution. */
    private static void assertSameImage(Tensor actual) {
        double error = expected.maxAbsDiff(actual) / Math.max(1, expected.maxAbs());
        assertTrue(error < 1e-3, "the next good request gets the same result (relative error " + error + ")");
    }

    private static void expectRefused(HttpResponse<String> r) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        Map<?, ?> error = (Map<?, ?>) JsonReader.parse(r.body());
        assertTrue(Set.of("CORRUPT", "TRUNCATED", "UNSUPPORTED_VERSION").contains(error.get("error")), r.body());
    }

    private static Tensor evaluate(Client c, ServerKey k) {
        Ciphertext out = new RemoteEvaluation(new ServerApi(base), clientSide.compiled()).run(c, k, c.encrypt(input), ProgressListener.NONE)
                .output();
        return c.decrypt(out);
    }

    private static ServerKey upload(Client c) {
        return new KeyUploader(new ServerApi(base)).ensure(null, c.evaluationKeys().byteSize(), c.evaluationKeys()::writeTo,
                ProgressListener.NONE);
    }

    private static StyleTransfer compile() {
        return StyleTransfer.create(MosaicModel.load(InProcessServer.checkpoint()), "openfhe",
                CompileOptions.defaults().withMode(Mode.CLIENT_AIDED).withSecurity(Security.INSECURE_TEST_ONLY));
    }

    /**
     * An artifact split around one of its sections (after the header): rewriting that section's payload
     * gives a valid envelope and checksum around crafted content.
     */
    private record Artifact(byte[] prefix, byte[] payload, byte[] suffix) {
        static Artifact of(byte[] bytes, int section) {
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
                Header.read(in);
                for (int i = 0; i < section; i++) {
                    in.skipNBytes(in.readInt() + 4L);
                }
                int start = bytes.length - in.available();
                int length = in.readInt();
                byte[] payload = Arrays.copyOfRange(bytes, start + 4, start + 4 + length);
                return new Artifact(Arrays.copyOf(bytes, start), payload, Arrays.copyOfRange(bytes, start + 8 + length, bytes.length));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] with(Consumer<ByteBuffer> change) {
            byte[] changed = payload.clone();
            change.accept(ByteBuffer.wrap(changed));
            return join(changed);
        }

        byte[] cut(int length) {
            return join(Arrays.copyOf(payload, length));
        }

        private byte[] join(byte[] changed) {
            CRC32C crc = new CRC32C();
            crc.update(changed);
            return ByteBuffer.allocate(prefix.length + changed.length + 8 + suffix.length).put(prefix).putInt(changed.length).put(changed)
                    .putInt((int) crc.getValue()).put(suffix).array();
        }
    }

    private static HttpRequest.Builder post(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Writer {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    private static byte[] bytesOf(Writer w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        w.writeTo(b);
        return b.toByteArray();
    }
}
