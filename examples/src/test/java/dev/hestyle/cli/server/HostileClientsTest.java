package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.client.ServerApi;
import dev.hestyle.cli.client.ServerKey;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.Mode;
import dev.hestyle.tensor.Tensor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With 64 slow connections (headers or bodies trickled a byte at a time) and 64 long polls open, the
 * server still answers {@code /v1/health} at once and completes a good client's evaluation. The server
 * has a single worker, held by a client that never answers; its sessions fail at the round deadline.
 */
class HostileClientsTest {
    private static final int SLOW_HEADERS = 60;
    private static final int SLOW_BODIES = 4;
    private static final int LONG_POLLS = 64;
    private static final Duration ROUND = Duration.ofSeconds(5);

    @Test
    @Timeout(120)
    void healthAndAGoodClientAreServedWhileHostileClientsHoldConnections() throws Exception {
        // the read timeout is longer than the test, so that the slow connections stay open throughout
        ServerConfig config = new TestConfig().workers(1, 8).uploads(SLOW_BODIES + 2, 1L << 30).clientRoundTimeout(ROUND)
                .readTimeout(Duration.ofSeconds(120)).build();
        List<RawHttp> slow = new ArrayList<>();
        List<RawHttp> polls = new ArrayList<>();
        Thread trickle = null;
        try (InProcessServer server = new InProcessServer(Mode.CLIENT_AIDED, config);
             StyleTransfer clientSide = InProcessServer.compile(Mode.CLIENT_AIDED);
             Client hostile = clientSide.compiled().newClient();
             Client good = clientSide.compiled().newClient()) {
            ServerApi api = new ServerApi(server.base);
            Tensor in = InProcessServer.input(clientSide);
            Tensor expected = InProcessServer.oneProcess(clientSide, in);

            // the single worker waits for a hostile client that never answers; a second session queues behind it
            ServerKey hk = InProcessServer.upload(api, hostile);
            String holding = start(api, hk, hostile, in);
            InProcessServer.awaitState(api, holding, "needs-client", Duration.ofSeconds(20));
            String queued = start(api, hk, hostile, in);
            assertEquals("queued", api.status(queued, 0).get("state"));

            for (int i = 0; i < SLOW_HEADERS; i++) {
                RawHttp c = new RawHttp(server.base);
                c.send("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
                slow.add(c);
            }
            for (int i = 0; i < SLOW_BODIES; i++) {
                String upload = (String) api.startKeyUpload().get("upload");
                RawHttp c = new RawHttp(server.base);
                c.send("PUT /v1/keys/" + upload + "/chunks/0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nHSTYLE");
                slow.add(c);
            }
            trickle = trickler(slow);
            for (int i = 0; i < LONG_POLLS; i++) {
                RawHttp c = new RawHttp(server.base);
                c.send("GET /v1/sessions/" + queued + "?wait=30 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                polls.add(c);
            }

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create(server.base + "/v1/health")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(200, h.statusCode(), h.body());
                assertTrue(seconds < 2, "health took " + seconds + " s");
                Thread.sleep(100);
            }
            for (RawHttp p : polls) {
                assertFalse(p.answered(), "the long polls are still waiting");
            }

            // a good client's whole run: upload, queue behind the hostile sessions, answer its rounds, result
            long t0 = System.nanoTime();
            Tensor remote = CompletableFuture.supplyAsync(() -> server.remote(clientSide, good, in)).get(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertArrayEquals(expected.data(), remote.data(), "the good client's result");
            // two hostile rounds time out before it gets the worker; nothing else may slow it down much
            assertTrue(seconds < 2 * ROUND.toSeconds() + 15, "the good run took " + seconds + " s");
            assertEquals("TIMEOUT", api.status(holding, 0).get("error"));
            assertEquals("TIMEOUT", api.status(queued, 0).get("error"));
            for (RawHttp p : polls) {
                String r = p.read(Duration.ofSeconds(5));
                assertEquals(200, RawHttp.status(r), r);
                assertTrue(RawHttp.body(r).contains("\"session\""), r);
            }
        } finally {
            if (trickle != null) {
                trickle.interrupt();
                trickle.join(5000);
            }
            for (RawHttp c : slow) {
                c.close();
            }
            for (RawHttp c : polls) {
                c.close();
            }
        }
    }

    private static String start(ServerApi api, ServerKey key, Client c, Tensor in) {
        try (Ciphertext ct = c.encrypt(in)) {
            return (String) api.startSession(key, ct.toBytes()).get("session");
        }
    }

    /** Sends one more byte on each connection every 200 ms, until interrupted. */
    private static Thread trickler(List<RawHttp> connections) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (RawHttp c : connections) {
                        c.send("a");
                    }
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException e) {
                // the server closed one: the test's assertions say whether that was allowed
            }
        }, "trickle");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
