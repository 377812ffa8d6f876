package dev.hestyle.backend.clear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.BackendNotFoundException;
import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.Backends;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.OpCounts;
import dev.hestyle.spi.Server;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ClearBackendTest {
    private static final Logger log = LoggerFactory.getLogger(ClearBackendTest.class);
    private static final Shape INPUT = new Shape(3, 32, 32);

    /** A network with the Mosaic architecture (16 convolutions, 10 ReLUs) and random weights. */
    static Sequential mosaicShaped(Random r) {
        List<Layer> layers = new ArrayList<>();
        layers.add(RandomBlocks.block("model.0", 3, 8, 1, false, true, r));
        layers.add(RandomBlocks.block("model.1", 8, 16, 2, false, true, r));
        layers.add(RandomBlocks.block("model.2", 16, 32, 2, false, true, r));
        for (int i = 3; i <= 7; i++) {
            Sequential a = RandomBlocks.block("model." + i + ".block.0", 32, 32, 1, false, true, r);
            Sequential b = RandomBlocks.block("model." + i + ".block.1", 32, 32, 1, false, false, r);
            layers.add(new Residual(Sequential.of("model." + i, a, b)));
        }
        layers.add(RandomBlocks.block("model.8", 32, 16, 1, true, true, r));
        layers.add(RandomBlocks.block("model.9", 16, 8, 1, true, true, r));
        layers.add(RandomBlocks.block("model.10", 8, 3, 1, false, false, r));
        return new Sequential("mosaic-shaped", layers);
    }

    @Test
    void providerIsRegisteredButNeverChosenAutomatically() {
        BackendProvider clear = Backends.providers().stream().filter(p -> p.name().equals("clear")).findFirst().orElseThrow();
        assertEquals(0, clear.priority());
        assertFalse(clear.encrypts());
        assertTrue(clear.availability().available());
        assertEquals("clear", Backends.select("clear", List.of(clear)).name());
        assertThrows(BackendNotFoundException.class, () -> Backends.select(null, List.of(clear)));
        try (Backend b = clear.create()) {
            assertEquals("clear", b.name());
            assertFalse(b.encrypts());
        }
    }

    @Test
    void bothRolesReproduceTheInterpreterExactly() {
        Random r = new Random(3);
        Sequential graph = mosaicShaped(r);
        Tensor input = Tensor.of(INPUT, RandomBlocks.gaussian(r, INPUT.size(), 1));
        try (Backend backend = new ClearBackend(); CompiledModel model = backend.compile(graph, INPUT, CompileOptions.defaults());
             Client client = model.newClient(); Server server = model.newServer(client.evaluationKeys())) {
            assertEquals(new Shape(3, 32, 32), model.outputShape());
            assertNull(model.plan().securityBits());
            assertEquals(OpCounts.ZERO, model.plan().ops());
            assertEquals(0, model.plan().clientRoundTrips());
            Evaluation ev = server.run(client.encrypt(input), ClientAssist.NONE, null);
            assertArrayEquals(ClearInterpreter.run(graph, input).data(), client.decrypt(ev.output()).data());
            assertEquals(0, ev.clientRoundTrips());
        }
    }

    @Test
    void clientAidedAsksTheClientForEveryRelu() {
        Random r = new Random(4);
        Sequential graph = mosaicShaped(r);
        Tensor input = Tensor.of(INPUT, RandomBlocks.gaussian(r, INPUT.size(), 1));
        CompileOptions options = CompileOptions.defaults().withMode(Mode.CLIENT_AIDED);
        try (CompiledModel model = new ClearBackend().compile(graph, INPUT, options);
             Client client = model.newClient(); Server server = model.newServer(client.evaluationKeys())) {
            AtomicInteger asked = new AtomicInteger();
            AtomicInteger progress = new AtomicInteger();
            Evaluation ev = server.run(client.encrypt(input), request -> {
                asked.incrementAndGet();
                return client.assist(request);
            }, (phase, done, total) -> progress.set((int) done));
            assertEquals(10, graph.reluCount());
            assertEquals(10, asked.get());
            assertEquals(10, ev.clientRoundTrips());
            assertEquals(10, model.plan().clientRoundTrips());
            assertEquals(model.plan().details().get("layers"), progress.get());
            assertArrayEquals(ClearInterpreter.run(graph, input).data(), client.decrypt(ev.output()).data());
            assertThrows(IllegalStateException.class, () -> server.run(client.encrypt(input), ClientAssist.NONE, null));
        }
    }

    @Test
    void wireArtifactsRoundTripAndMismatchesAreRefused() throws IOException {
        Random r = new Random(5);
        Sequential graph = mosaicShaped(r);
        Tensor input = Tensor.of(INPUT, RandomBlocks.gaussian(r, INPUT.size(), 1));
        try (CompiledModel model = new ClearBackend().compile(graph, INPUT, CompileOptions.defaults());
             CompiledModel other = new ClearBackend().compile(mosaicShaped(r), INPUT, CompileOptions.defaults());
             Client client = model.newClient(); Client stranger = model.newClient()) {
            byte[] ctBytes = client.encrypt(input).toBytes();
            assertEquals(ctBytes.length, client.encrypt(input).byteSize());
            Ciphertext ct = model.readCiphertext(new ByteArrayInputStream(ctBytes));
            assertArrayEquals(input.data(), client.decrypt(ct).data());

            ByteArrayOutputStream keyBytes = new ByteArrayOutputStream();
            client.evaluationKeys().writeTo(keyBytes);
            assertEquals(keyBytes.size(), client.evaluationKeys().byteSize());
            try (Server server = model.newServer(model.readEvaluationKeys(new ByteArrayInputStream(keyBytes.toByteArray())))) {
                Ciphertext out = server.run(ct, ClientAssist.NONE, null).output();
                Tensor back = client.decrypt(model.readCiphertext(new ByteArrayInputStream(out.toBytes())));
                assertArrayEquals(ClearInterpreter.run(graph, input).data(), back.data());
                assertReason(Reason.KEY_MISMATCH, () -> server.run(stranger.encrypt(input), ClientAssist.NONE, null));
            }
            assertReason(Reason.KEY_MISMATCH, () -> stranger.decrypt(ct));
            assertReason(Reason.PARAMETER_MISMATCH, () -> other.readCiphertext(new ByteArrayInputStream(ctBytes)));
            assertReason(Reason.PARAMETER_MISMATCH, () -> other.newServer(client.evaluationKeys()));
            assertReason(Reason.WRONG_KIND, () -> model.readCiphertext(new ByteArrayInputStream(keyBytes.toByteArray())));
            assertReason(Reason.TRUNCATED, () -> model.readCiphertext(new ByteArrayInputStream(Arrays.copyOf(ctBytes, ctBytes.length - 1))));
            byte[] flipped = ctBytes.clone();
            flipped[flipped.length - 100] ^= 1;
            assertReason(Reason.CORRUPT, () -> model.readCiphertext(new ByteArrayInputStream(flipped)));
        }
    }

    @Test
    void graphsThatDoNotFitTheInputAreUnsupported() {
        Sequential graph = Sequential.of("g", RandomBlocks.block("b", 4, 4, 1, false, true, new Random(1)));
        UnsupportedGraphException e = assertThrows(UnsupportedGraphException.class,
                () -> new ClearBackend().compile(graph, INPUT, CompileOptions.defaults()));
        assertTrue(e.getMessage().contains("3x32x32"), e.getMessage());
    }

    @Test
    void theWholeNetworkTakesMillisecondsNotSeconds() {
        Random r = new Random(6);
        Sequential graph = Sequential.of("up", new Upsample2d(1), mosaicShaped(r));
        Tensor input = Tensor.of(INPUT, RandomBlocks.gaussian(r, INPUT.size(), 1));
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 30; i++) {
            long t0 = System.nanoTime();
            ClearInterpreter.run(graph, input);
            best = Math.min(best, System.nanoTime() - t0);
        }
        log.info("clear Mosaic-shaped network: best of 30 runs {} ms", best / 1e6);
        // Generous bound: a few ms is typical; this only catches an accidentally quadratic implementation.
        assertTrue(best < 500_000_000L, "one image took " + best / 1e6 + " ms");
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void assertReason(Reason reason, Io action) {
        WireFormatException e = assertThrows(WireFormatException.class, action::run);
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
