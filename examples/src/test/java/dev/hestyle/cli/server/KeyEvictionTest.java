package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * A key cache with room for one key set: an unused set is evicted and closed when another arrives; a set
 * a running session leases is neither evicted nor closed (the newcomer waits with BUSY) until the session
 * ends, and then it is.
 */
class KeyEvictionTest {
    private static final Duration ROUND = Duration.ofSeconds(2);

    @Test
    @Timeout(60)
    void evictedSetsAreClosedOnceNoSessionUsesThem() throws Exception {
        try (StyleTransfer clientSide = InProcessServer.compile(Mode.CLIENT_AIDED);
             Client one = clientSide.compiled().newClient();
             Client two = clientSide.compiled().newClient();
             Client three = clientSide.compiled().newClient()) {
            long size = one.evaluationKeys().byteSize();
            ServerConfig config = new TestConfig().keyCacheBytes(size + size / 2).clientRoundTimeout(ROUND).build();
            try (InProcessServer server = new InProcessServer(Mode.CLIENT_AIDED, config)) {
                ServerApi api = new ServerApi(server.base);
                ServerKey k1 = InProcessServer.upload(api, one);
                assertEquals(0L, closed(api));
                ServerKey k2 = InProcessServer.upload(api, two);
                assertFalse(api.hasKeys(k1), "evicted");
                assertTrue(api.hasKeys(k2));
                assertEquals(1L, closed(api), "the unused set was closed at eviction");

                // a session leases k2 and never answers: k2 stays, the next set cannot get in yet
                String session;
                Tensor in = InProcessServer.input(clientSide);
                try (Ciphertext ct = two.encrypt(in)) {
                    session = (String) api.startSession(k2, ct.toBytes()).get("session");
                }
                InProcessServer.awaitState(api, session, "needs-client", Duration.ofSeconds(20));
                RemoteException busy = assertThrows(RemoteException.class, () -> InProcessServer.upload(api, three));
                assertEquals("BUSY", busy.reason());
                assertTrue(api.hasKeys(k2), "a leased set is not evicted");
                assertEquals(1L, closed(api));

                // the session fails at its round deadline and gives its lease back: now k2 makes room
                InProcessServer.awaitState(api, session, "failed", ROUND.plusSeconds(10));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (((Number) api.health().get("activeEvaluations")).intValue() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20); // the worker gives the lease back as it leaves the evaluation
                }
                ServerKey k3 = InProcessServer.upload(api, three);
                assertTrue(api.hasKeys(k3));
                assertFalse(api.hasKeys(k2));
                Map<String, Object> h = api.health();
                assertEquals(2L, ((Number) h.get("keySetsClosed")).longValue(), h.toString());
                assertEquals(0, ((Number) h.get("keySetsAwaitingClose")).intValue(), h.toString());
                assertEquals(1, ((Number) h.get("cachedKeySets")).intValue(), h.toString());
            }
        }
    }

    private static long closed(ServerApi api) {
        return ((Number) api.health().get("keySetsClosed")).longValue();
    }
}
