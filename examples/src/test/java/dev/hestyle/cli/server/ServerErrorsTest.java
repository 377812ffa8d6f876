package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.client.RemoteException;
import dev.hestyle.cli.client.ServerApi;
import dev.hestyle.cli.client.ServerKey;
import dev.hestyle.cli.json.JsonReader;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.Mode;
import dev.hestyle.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input gets a structured error ({@code {"error": REASON, "message": ...}} with the
 * reason's status), and the server still completes a good evaluation right after it.
 */
class ServerErrorsTest {
    private static final long MAX_BODY = 200_000;
    private static final int MAX_CHUNK = 64 * 1024;

    private static InProcessServer server;
    private static StyleTransfer clientSide;
    private static Client client;
    private static ServerKey key;
    private static Tensor input;
    private static Tensor expected;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new InProcessServer(Mode.CLIENT_AIDED, 2, 4, MAX_BODY, MAX_CHUNK);
        clientSide = InProcessServer.compile(Mode.CLIENT_AIDED);
        client = clientSide.compiled().newClient();
        key = InProcessServer.upload(new ServerApi(server.base), client);
        input = clientSide.model().preprocess(ImageFiles.read(InProcessServer.shared().resolve("reference/632.input.png")));
        try (Client c = clientSide.compiled().newClient()) {
            expected = server.remote(clientSide, c, input);
        }
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (clientSide != null) {
            clientSide.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static byte[] goodCiphertext() {
        return client.encrypt(input).toBytes();
    }

    @Test
    void corruptCiphertext() throws Exception {
        byte[] b = goodCiphertext();
        b[b.length / 2] ^= 0x5A;
        expectError(postSession(key, b), 400, "CORRUPT");
    }

    @Test
    void truncatedCiphertext() throws Exception {
        byte[] b = goodCiphertext();
        expectError(postSession(key, Arrays.copyOf(b, b.length / 2)), 400, "TRUNCATED");
    }

    @Test
    void ciphertextOfOtherParameters() throws Exception {
        try (StyleTransfer other = InProcessServer.compile(Mode.NON_INTERACTIVE); Client c = other.compiled().newClient()) {
            expectError(postSession(key, c.encrypt(input).toBytes()), 409, "PARAMETER_MISMATCH");
            // and their keys are refused when the upload completes
            String upload = startUpload();
            HttpResponse<String> chunk = send(HttpRequest.newBuilder(server.base.resolve("/v1/keys/" + upload + "/chunks/0"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytesOf(c.evaluationKeys()::writeTo))));
            assertEquals(200, chunk.statusCode(), chunk.body());
            expectError(send(post("/v1/keys/" + upload + "/complete", new byte[0])), 409, "PARAMETER_MISMATCH");
        }
    }

    @Test
    void unknownKeyId() throws Exception {
        expectError(postSession(new ServerKey("0123456789abcdef", key.token()), goodCiphertext()), 404, "UNKNOWN_KEY");
    }

    @Test
    void ciphertextOfAnotherKeySet() throws Exception {
        try (Client other = clientSide.compiled().newClient()) {
            expectError(postSession(key, other.encrypt(input).toBytes()), 409, "KEY_MISMATCH");
        }
    }

    @Test
    void oversizedBody() throws Exception {
        expectError(postSession(key, new byte[(int) MAX_BODY + 1]), 413, "BODY_TOO_LARGE");
        expectError(send(HttpRequest.newBuilder(server.base.resolve("/v1/keys/" + startUpload() + "/chunks/0"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_CHUNK + 1]))), 413, "BODY_TOO_LARGE");
    }

    @Test
    void secretKeyIsRefusedAsKeysAndAsCiphertext() throws Exception {
        byte[] secret = bytesOf(client::writeSecretKey);
        expectError(uploadFirstChunk(secret), 400, "SECRET_MATERIAL");
        expectError(postSession(key, secret), 400, "SECRET_MATERIAL");
        // a secret key that reaches completion in small chunks is refused there as well
        String upload = startUpload();
        for (int i = 0; i * 16 < secret.length; i++) {
            byte[] part = Arrays.copyOfRange(secret, i * 16, Math.min(secret.length, i * 16 + 16));
            HttpResponse<String> r = send(HttpRequest.newBuilder(server.base.resolve("/v1/keys/" + upload + "/chunks/" + i))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(part)));
            if (r.statusCode() != 200) {
                expectError(r, 400, "SECRET_MATERIAL");
                return;
            }
        }
        expectError(send(post("/v1/keys/" + upload + "/complete", new byte[0])), 400, "SECRET_MATERIAL");
    }

    @Test
    void otherFormatVersionAndBadMagic() throws Exception {
        byte[] b = goodCiphertext();
        b[6] = 0;
        b[7] = 99; // the version follows the six magic bytes
        expectError(postSession(key, b), 400, "UNSUPPORTED_VERSION");
        byte[] c = goodCiphertext();
        c[0] = 'X';
        expectError(postSession(key, c), 400, "BAD_MAGIC");
    }

    @Test
    void wrongKindAndUnknownSession() throws Exception {
        expectError(postSession(key, bytesOf(client.evaluationKeys()::writeTo)), 400, "WRONG_KIND");
        expectError(send(HttpRequest.newBuilder(server.base.resolve("/v1/sessions/nosuchsession")).GET()), 404, "UNKNOWN_SESSION");
        expectError(send(HttpRequest.newBuilder(server.base.resolve("/v1/nothing")).GET()), 404, "BAD_REQUEST");
    }

    @Test
    void theClientSeesTheReasonToo() {
        ServerApi api = new ServerApi(server.base);
        ServerKey unknown = new ServerKey("0123456789abcdef", key.token());
        RemoteException e = org.junit.jupiter.api.Assertions.assertThrows(RemoteException.class, () -> api.startSession(unknown, goodCiphertext()));
        assertEquals("UNKNOWN_KEY", e.reason());
        assertEquals(404, e.status());
        assertFalse(api.hasKeys(unknown));
        assertTrue(api.hasKeys(key));
    }

    /** After the refusals of each test: the server still evaluates, and correctly. */
    @AfterEach
    void assertStillServes() {
        try (Client c = clientSide.compiled().newClient()) {
            assertTrue(Arrays.equals(expected.data(), server.remote(clientSide, c, input).data()), "the next good request gets the same result");
        }
    }

    private static void expectError(HttpResponse<String> r, int status, String reason) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        Map<?, ?> body = (Map<?, ?>) JsonReader.parse(r.body());
        assertEquals(reason, body.get("error"), r.body());
        assertTrue(body.get("message") instanceof String m && !m.isBlank(), r.body());
        assertTrue(new ServerApi(server.base).health().get("status").equals("ok"), "still answering");
    }

    private static HttpResponse<String> postSession(ServerKey k, byte[] body) throws IOException, InterruptedException {
        return send(post("/v1/sessions?key=" + k.id(), body).header("Authorization", "Bearer " + k.token()));
    }

    private static String startUpload() throws IOException, InterruptedException {
        HttpResponse<String> r = send(post("/v1/keys", new byte[0]));
        assertEquals(201, r.statusCode(), r.body());
        return (String) ((Map<?, ?>) JsonReader.parse(r.body())).get("upload");
    }

    private static HttpResponse<String> uploadFirstChunk(byte[] bytes) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.base.resolve("/v1/keys/" + startUpload() + "/chunks/0"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(bytes, Math.min(bytes.length, MAX_CHUNK)))));
    }

    private static HttpRequest.Builder post(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(server.base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
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
