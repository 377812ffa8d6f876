package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.client.RemoteException;
import dev.hestyle.cli.client.ServerApi;
import dev.hestyle.cli.client.ServerKey;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.Mode;
import dev.hestyle.tensor.Tensor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client-aided session whose client never answers its activation request fails after the client round
 * timeout (far shorter than the session TTL) with reason TIMEOUT, and its worker serves the next client.
 */
class NeverAnsweringClientTest {
    private static final Duration ROUND = Duration.ofSeconds(2);

    @Test
    @Timeout(60)
    void theSessionFailsWithinTheRoundDeadlineAndFreesTheWorker() throws Exception {
        ServerConfig config = new TestConfig().workers(1, 4).clientRoundTimeout(ROUND).build();
        try (InProcessServer server = new InProcessServer(Mode.CLIENT_AIDED, config);
             StyleTransfer clientSide = InProcessServer.compile(Mode.CLIENT_AIDED);
             Client silent = clientSide.compiled().newClient();
             Client good = clientSide.compiled().newClient()) {
            ServerApi api = new ServerApi(server.base);
            Tensor in = InProcessServer.input(clientSide);
            ServerKey key = InProcessServer.upload(api, silent);
            String id;
            try (Ciphertext ct = silent.encrypt(in)) {
                id = (String) api.startSession(key, ct.toBytes()).get("session");
            }
            InProcessServer.awaitState(api, id, "needs-client", Duration.ofSeconds(20));
            long asked = System.nanoTime();
            Map<String, Object> failed = InProcessServer.awaitState(api, id, "failed", ROUND.plusSeconds(10));
            double seconds = (System.nanoTime() - asked) / 1e9;
            assertTrue(seconds >= ROUND.toSeconds() - 0.5 && seconds < ROUND.toSeconds() + 3, "failed after " + seconds + " s");
            assertEquals("TIMEOUT", failed.get("error"), failed.toString());
            assertTrue(String.valueOf(failed.get("message")).contains("did not answer"), failed.toString());
            RemoteException e = org.junit.jupiter.api.Assertions.assertThrows(RemoteException.class, () -> api.result(id,
                    dev.hestyle.spi.ProgressListener.NONE));
            assertEquals("TIMEOUT", e.reason());
            assertEquals(0, ((Number) api.health().get("activeEvaluations")).intValue(), "the worker is free");

            // the only worker now serves a client that does answer, with the right result
            assertArrayEquals(InProcessServer.oneProcess(clientSide, in).data(), server.remote(clientSide, good, in).data());
        }
    }
}
