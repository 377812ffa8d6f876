package dev.hestyle.backend.openfhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.backend.clear.ClearInterpreter;
import dev.hestyle.backend.openfhe.jni.NativeMemory;
import dev.hestyle.conformance.TestGraphs;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.Backends;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import dev.hestyle.spi.Server;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many encrypt, run, decrypt cycles in one JVM through the public interfaces must not grow native
 * memory: every client, server and ciphertext must give its OpenFHE objects back. Resident memory is
 * read after a warm-up (allocator pools and OpenFHE's caches fill in the first cycles) and again after
 * the soak.
 *
 * <p>The input and output ciphertexts of a run cannot be closed through the interfaces; their native
 * memory returns when the garbage collector lets their cleaner run. Their Java objects are tiny, so
 * without help the collector may not run for many cycles, and the allocator keeps the peak resident
 * afterwards. Each cycle therefore ends with a collection, so that what remains is what was leaked.
 */
@RequiresOpenFhe
class NativeMemorySoakTest {
    private static final Logger log = LoggerFactory.getLogger(NativeMemorySoakTest.class);

    private static final Shape IMAGE = new Shape(3, 32, 32);
    private static final int WARM_UP_CYCLES = 5;
    /** Cycles with a fresh key set, client and server each time. */
    private static final int FRESH_KEY_CYCLES = 25;
    /** Cycles that reuse one client and one server. */
    private static final int REUSED_KEY_CYCLES = 45;
    /**
     * Reused-key cycles before the first reading: after the fresh-key cycles the allocator has handed
     * their memory back, and the reused client's working set settles within about 20 cycles (measured:
     * +6 to +10 MiB up to cycle 20, flat within 2 MiB from there to cycle 80).
     */
    private static final int REUSED_WARM_UP_CYCLES = 20;
    /**
     * Largest tolerated growth over all cycles, everything closed. Measured here: +37 to +38 MiB (Java's
     * own growth and what the allocator cannot hand back). One leaked key set per cycle adds about
     * 20 MiB a cycle.
     */
    private static final long BOUND_KIB = 64 * 1024;
    /**
     * Largest tolerated growth while one client and server are reused, over the 25 cycles after its
     * warm-up: no key sets come and go, so the allocator is quiet. One leaked ciphertext per cycle (about
     * 0.5 MiB at these parameters) adds about 0.5 MiB a cycle.
     */
    private static final long REUSED_BOUND_KIB = 4 * 1024;
    private static final double TOLERANCE = 1e-3;

    @Test
    void seventyCyclesDoNotGrowResidentMemory() {
        TestGraphs g = new TestGraphs(7);
        // Mosaic's first and last blocks: a convolution with a client-side ReLU, then the output convolution.
        Sequential graph = Sequential.of("soak", g.convBlock("model.0", 3, 8, 1, false, true, true),
                g.convBlock("model.1", 8, 3, 1, false, false, false));
        Tensor input = g.activations(IMAGE, 1.5);
        Tensor expected = ClearInterpreter.run(graph, input);
        CompileOptions options = CompileOptions.defaults().withMode(Mode.CLIENT_AIDED).withSecurity(Security.INSECURE_TEST_ONLY)
                .withCalibration(List.of(input, g.activations(IMAGE, 1.5)));

        try (Backend backend = Backends.select(OpenFheBackendProvider.NAME).create();
             CompiledModel model = backend.compile(graph, IMAGE, options)) {
            for (int i = 0; i < WARM_UP_CYCLES; i++) {
                freshKeyCycle(model, input, expected, i);
            }
            long warmedUp = settledKibibytes();
            long start = System.nanoTime();
            for (int i = 0; i < FRESH_KEY_CYCLES; i++) {
                freshKeyCycle(model, input, expected, i);
            }
            long afterFresh = settledKibibytes();
            long reusedFirst;
            long reusedLast;
            try (Client client = model.newClient(); Server server = model.newServer(client.evaluationKeys())) {
                // the first cycles with this client are not measured: its key set comes in and the
                // allocator hands back what the fresh-key cycles left
                for (int i = 0; i < REUSED_WARM_UP_CYCLES; i++) {
                    cycle(client, server, input, expected, FRESH_KEY_CYCLES + i);
                }
                reusedFirst = settledKibibytes();
                for (int i = REUSED_WARM_UP_CYCLES; i < REUSED_KEY_CYCLES; i++) {
                    cycle(client, server, input, expected, FRESH_KEY_CYCLES + i);
                }
                reusedLast = settledKibibytes();
            }
            long end = settledKibibytes();
            long grown = end - warmedUp;
            long reusedGrown = reusedLast - reusedFirst;
            log.info("resident memory: {} MiB after warm-up, {} MiB after {} fresh-key cycles, {} -> {} MiB over the reused-key"
                    + " cycles, {} MiB once closed; grown {} MiB (bound {} MiB), while reused {} MiB (bound {} MiB), in {} s",
                    mib(warmedUp), mib(afterFresh), FRESH_KEY_CYCLES, mib(reusedFirst), mib(reusedLast), mib(end), mib(grown),
                    mib(BOUND_KIB), mib(reusedGrown), mib(REUSED_BOUND_KIB), String.format("%.1f", (System.nanoTime() - start) / 1e9));
            assertTrue(reusedGrown <= REUSED_BOUND_KIB, "resident memory grew by " + mib(reusedGrown) + " MiB over "
                    + (REUSED_KEY_CYCLES - REUSED_WARM_UP_CYCLES) + " cycles with one client and server (" + mib(reusedFirst) + " -> " + mib(reusedLast)
                    + " MiB), more than the " + mib(REUSED_BOUND_KIB) + " MiB bound: ciphertexts are not being freed");
            assertTrue(grown <= BOUND_KIB, "resident memory grew by " + mib(grown) + " MiB over " + (FRESH_KEY_CYCLES + REUSED_KEY_CYCLES)
                    + " cycles (" + mib(warmedUp) + " -> " + mib(afterFresh) + " after the fresh-key cycles -> " + mib(end)
                    + " MiB), more than the " + mib(BOUND_KIB) + " MiB bound: native objects are not being freed");
        }
    }

    private static void freshKeyCycle(CompiledModel model, Tensor input, Tensor expected, int i) {
        try (Client client = model.newClient(); Server server = model.newServer(client.evaluationKeys())) {
            cycle(client, server, input, expected, i);
        }
    }

    private static void cycle(Client client, Server server, Tensor input, Tensor expected, int i) {
        Ciphertext ct = client.encrypt(input);
        Evaluation ev = server.run(ct, client, ProgressListener.NONE);
        assertEquals(1, ev.clientRoundTrips(), "client round trips");
        double error = expected.maxAbsDiff(client.decrypt(ev.output())) / Math.max(1, expected.maxAbs());
        assertTrue(error < TOLERANCE, "cycle " + i + ": relative error " + error);
        collect(1);
    }

    /**
     * Resident memory once unreachable ciphertexts have been collected, their cleaners have run and the
     * allocator has returned what is free: closing a key set does that too, so without it a reading
     * would depend on when a key set was last closed, not on what is still held.
     */
    private static long settledKibibytes() {
        collect(3);
        NativeMemory.releaseFreed();
        return ResidentMemory.kibibytes();
    }

    /** Collects garbage and gives the cleaner thread time to free what became unreachable. */
    private static void collect(int rounds) {
        for (int i = 0; i < rounds; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for cleaners", e);
            }
        }
    }

    private static String mib(long kib) {
        return String.format("%.1f", kib / 1024.0);
    }
}
