package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.client.RemoteException;
import dev.hestyle.cli.client.ServerApi;
import dev.hestyle.cli.client.ServerKey;
import dev.hestyle.cli.json.JsonReader;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.Mode;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests are refused on their headers, before any body byte is read: an unknown key, session or upload,
 * a missing token, a declared length over the limit; and key uploads are bounded in number and in the
 * bytes they hold together. Each request here declares a huge body and sends none: a server that read
 * before refusing would never answer.
 */
@Timeout(60)
class RequestLimitsTest {
    private static final long MAX_BODY = 1 << 20;
    private static final int MAX_UPLOADS = 2;
    private static final String HUGE = "Content-Length: 1000000000000\r\n";

    private static InProcessServer server;
    private static StyleTransfer clientSide;
    private static Client client;
    private static ServerKey key;
    private static byte[] keys;
    /** Fits one key set, not two. */
    private static long maxUploadBytes;
    private static int maxChunk;

    @BeforeAll
    static void start() throws Exception {
        clientSide = InProcessServer.compile(Mode.CLIENT_AIDED);
        client = clientSide.compiled().newClient();
        keys = bytesOf(client);
        maxUploadBytes = keys.length + keys.length / 2;
        maxChunk = keys.length;
        server = new InProcessServer(Mode.CLIENT_AIDED, new TestConfig().workers(1, 2).bodies(MAX_BODY, maxChunk).uploads(MAX_UPLOADS, maxUploadBytes)
                .build());
        key = InProcessServer.upload(new ServerApi(server.base), client);
    }

    @AfterAll
    static void stop() {
        client.close();
        clientSide.close();
        server.close();
    }

    @Test
    void oversizeAndUnauthorisedBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        String auth = "Authorization: Bearer " + key.token() + "\r\n";
        expect(headersOnly("POST /v1/sessions?key=" + key.id(), auth + HUGE), 413, "BODY_TOO_LARGE");
        expect(headersOnly("POST /v1/sessions?key=" + key.id(), HUGE), 404, "UNKNOWN_KEY");
        expect(headersOnly("POST /v1/sessions?key=" + "ab".repeat(32), auth + HUGE), 404, "UNKNOWN_KEY");
        expect(headersOnly("POST /v1/sessions/" + "cd".repeat(16) + "/assist?round=1", HUGE), 404, "UNKNOWN_SESSION");
        expect(headersOnly("PUT /v1/keys/" + "ef".repeat(16) + "/chunks/0", HUGE), 404, "BAD_REQUEST");
        String upload = (String) new ServerApi(server.base).startKeyUpload().get("upload");
        // a small body over the limit is read and thrown away, so that the client surely sees the answer
        expect(request("PUT /v1/keys/" + upload + "/chunks/0", "", new byte[maxChunk + 1]), 413, "BODY_TOO_LARGE");
        expect(headersOnly("GET /v1/health", HUGE), 413, "BODY_TOO_LARGE");
        // a client that waits for 100 Continue gets the refusal instead
        expect(headersOnly("POST /v1/sessions?key=" + key.id(), "Expect: 100-continue\r\nContent-Length: 1000\r\n"), 404, "UNKNOWN_KEY");
        new ServerApi(server.base).putChunk(upload, 0, new byte[0], 0);
        expect(headersOnly("POST /v1/keys/" + upload + "/complete", ""), 400, "TRUNCATED"); // and frees its place
    }

    @Test
    void keyUploadsAreBoundedInNumberAndBytes() throws Exception {
        ServerApi api = new ServerApi(server.base);
        String a = (String) api.startKeyUpload().get("upload");
        String b = (String) api.startKeyUpload().get("upload");
        RemoteException busy = org.junit.jupiter.api.Assertions.assertThrows(RemoteException.class, api::startKeyUpload);
        assertEquals("BUSY", busy.reason());
        assertEquals(503, busy.status());

        api.putChunk(a, 0, keys, keys.length);
        // a holds one key set; a second one does not fit beside it: refused on its header
        expect(request("PUT /v1/keys/" + b + "/chunks/0", "", keys), 503, "BUSY");

        // completing a frees its place and its bytes: the same keys map to the existing id
        assertEquals(key.id(), api.completeKeyUpload(a).id());
        api.putChunk(b, 0, keys, keys.length);
        assertEquals(key.id(), api.completeKeyUpload(b).id());
        assertEquals(0, ((Number) api.health().get("keyUploads")).intValue());
        assertTrue(api.startKeyUpload().get("upload") instanceof String);
    }

    /** Sends only the request line and headers (declaring a body that never comes) and reads the answer. */
    private static String headersOnly(String requestLine, String headers) throws Exception {
        return request(requestLine, headers, null);
    }

    /** Sends a request with {@code body} (its length declared), or none if {@code null}, and reads the answer. */
    private static String request(String requestLine, String headers, byte[] body) throws Exception {
        try (RawHttp c = new RawHttp(server.base)) {
            String length = body == null ? "" : "Content-Length: " + body.length + "\r\n";
            c.send(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + length + "\r\n");
            if (body != null) {
                c.send(body);
            }
            return c.read(Duration.ofSeconds(5));
        }
    }

    private static void expect(String response, int status, String reason) {
        assertEquals(status, RawHttp.status(response), response);
        Map<?, ?> body = (Map<?, ?>) JsonReader.parse(RawHttp.body(response));
        assertEquals(reason, body.get("error"), response);
    }

    private static byte[] bytesOf(Client c) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        c.evaluationKeys().writeTo(b);
        return b.toByteArray();
    }
}
