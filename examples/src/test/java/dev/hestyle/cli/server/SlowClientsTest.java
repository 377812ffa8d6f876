package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.cli.client.ServerApi;
import dev.hestyle.spi.Mode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read timeout holds for the whole header and the whole body, not only for gaps between bytes: a
 * client that trickles its header is disconnected, one that trickles its body gets 408 TIMEOUT.
 */
@Timeout(60)
class SlowClientsTest {
    private static final Duration READ = Duration.ofSeconds(2);
    private static InProcessServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new InProcessServer(Mode.CLIENT_AIDED, new TestConfig().workers(1, 2).readTimeout(READ).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTrickledHeaderIsCutOff() throws Exception {
        try (RawHttp c = new RawHttp(server.base)) {
            long t0 = System.nanoTime();
            c.send("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            boolean closed = false;
            // one byte every 300 ms: never idle long enough for an idle timeout
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    c.send("X");
                } catch (java.io.IOException e) {
                    closed = true;
                    break;
                }
                closed = c.closedWithin(Duration.ofMillis(300));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(closed, "still open after " + seconds + " s");
            assertTrue(seconds < READ.toSeconds() + 3, "closed after " + seconds + " s");
        }
    }

    @Test
    void aSilentConnectionIsClosed() throws Exception {
        try (RawHttp c = new RawHttp(server.base)) {
            assertTrue(c.closedWithin(READ.plusSeconds(3)));
        }
    }

    @Test
    void aTrickledBodyGetsATimeout() throws Exception {
        String upload = (String) new ServerApi(server.base).startKeyUpload().get("upload");
        try (RawHttp c = new RawHttp(server.base)) {
            long t0 = System.nanoTime();
            c.send("PUT /v1/keys/" + upload + "/chunks/0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nHSTYLE");
            String r = "";
            for (int i = 0; i < 40 && r.isEmpty(); i++) {
                c.send("x");
                r = c.read(Duration.ofMillis(300));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(408, RawHttp.status(r), r);
            assertTrue(RawHttp.body(r).contains("\"TIMEOUT\""), r);
            assertTrue(seconds < READ.toSeconds() + 3, "answered after " + seconds + " s");
        }
        // the upload itself survives: the chunk may be sent again
        new ServerApi(server.base).putChunk(upload, 0, new byte[] {'H'}, 1);
    }

    @Test
    void aPromptClientIsServedAsUsual() {
        assertEquals("ok", new ServerApi(server.base).health().get("status"));
    }
}
