package dev.hestyle.ckks.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.ckks.linear.LinearMap;
import dev.hestyle.ckks.linear.TensorAffine;
import dev.hestyle.ckks.parallel.Workers;
import dev.hestyle.ckks.program.CountingEvaluator;
import dev.hestyle.ckks.testing.ExactCt;
import dev.hestyle.ckks.testing.ExactEvaluator;
import dev.hestyle.ckks.testing.Graphs;
import dev.hestyle.ckks.testing.TestNets;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.spi.OpCounts;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The graph of a linear map run by the local executor on several threads: the same values, the same operation
 * counts and no ciphertext left open, as on one thread; a failing operation on any thread closes every
 * intermediate and reaches the caller as the cause of an evaluation error naming the step.
 */
class LocalExecutorTest {
    private static final int SLOTS = 8192;

    /** A test failure type that nothing else throws. */
    static final class Injected extends RuntimeException {
        Injected(String m) {
            super(m);
        }
    }

    /** An exact evaluator that records every ciphertext it makes and can fail its n-th call of one operation. */
    static final class Tracking extends ExactEvaluator {
        final Queue<ExactCt> made = new ConcurrentLinkedQueue<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<Injected> thrown = new AtomicReference<>();
        final String failOp;
        final int failAt;

        Tracking(LinearMap map, String failOp, int failAt) {
            super(SLOTS, map.rotationSteps(), 0, "test");
            this.failOp = failOp;
            this.failAt = failAt;
        }

        private void maybeFail(String op) {
            if (op.equals(failOp) && calls.incrementAndGet() == failAt) {
                Injected e = new Injected(op + " call " + failAt);
                thrown.set(e);
                throw e;
            }
        }

        @Override
        public Ct mulPlain(Ct a, double[] values) {
            maybeFail("mulPlain");
            return super.mulPlain(a, values);
        }

        @Override
        public Ct rotate(Ct a, int steps) {
            maybeFail("rotate");
            return super.rotate(a, steps);
        }

        @Override
        public Ct add(Ct a, Ct b) {
            maybeFail("add");
            return super.add(a, b);
        }

        @Override
        protected ExactCt made(ExactCt ct) {
            made.add(ct);
            return ct;
        }

        long open(Ct... keep) {
            return made.stream().filter(c -> !c.isClosed() && List.of(keep).stream().noneMatch(k -> k == c)).count();
        }
    }

    /** A residual conv on the 8x8 multiplexed layout (many giant steps) and an upsampling conv (outer steps). */
    private static LinearMap map(int which) {
        Random r = new Random(11 + which);
        Shape in = new Shape(32, 8, 8);
        List<Layer> layers = which == 0
                ? List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 32, 32, 3, 1), TestNets.norm(r, 32))
                : List.of(new Upsample2d(2), new ConstantPad2d(1, 0), TestNets.conv(r, 32, 16, 3, 1), TestNets.norm(r, 16));
        TensorAffine affine = TensorAffine.of(in, layers);
        Shape out = affine.outputShape();
        return LinearMap.build(affine, SlotLayout.of(in, 32, 32, SLOTS), SlotLayout.of(out, 32, 32, SLOTS));
    }

    private static double[] input(LinearMap map) {
        return map.inputLayout().pack(TestNets.random(new Random(3), map.inputLayout().shape(), 1.0));
    }

    @ParameterizedTest(name = "map {0}")
    @ValueSource(ints = {0, 1})
    void parallelEqualsSequential(int which) {
        LinearMap map = map(which);
        double[] x = input(map);

        Tracking seqEv = new Tracking(map, "", 0);
        CountingEvaluator seqCount = new CountingEvaluator(seqEv);
        ExactCt seqIn = seqEv.encrypt(x, 2);
        ExactCt seqOut = (ExactCt) Graphs.apply(map, seqCount, seqIn);

        for (int threads : new int[] {2, 3}) {
            Tracking parEv = new Tracking(map, "", 0);
            CountingEvaluator parCount = new CountingEvaluator(parEv);
            ExactCt parIn = parEv.encrypt(x, 2);
            ExactCt parOut = (ExactCt) Graphs.apply(map, parCount, threads, parIn)[0];
            assertEquals(seqOut.level(), parOut.level());
            double[] a = seqOut.values();
            double[] b = parOut.values();
            for (int i = 0; i < SLOTS; i++) {
                assertEquals(a[i], b[i], 1e-9, "slot " + i + " with " + threads + " threads");
            }
            OpCounts c = parCount.counts();
            assertEquals(seqCount.counts(), c, "operation counts with " + threads + " threads");
            assertEquals(Graphs.of(map, SLOTS, 2).cost(), c, "counts as the graph predicts");
            assertEquals(0, parEv.open(parIn, parOut), "intermediates left open with " + threads + " threads");
            assertFalse(parIn.isClosed(), "the input belongs to the caller");
        }
        assertEquals(0, seqEv.open(seqIn, seqOut));
        assertTrue(map.giantRotations() > 2, "the map must have several giant steps to split: " + map);
        assertTrue(map.babyRotations() >= 8, "enough baby rotations to split the hoisted call: " + map);
    }

    @Test
    void aConsumingRunClosesItsInputAfterTheLastReaderAndGivesTheSameResult() {
        LinearMap map = map(0);
        double[] x = input(map);
        CtGraph graph = Graphs.of(map, SLOTS, 2);
        for (int threads : new int[] {1, 2}) {
            Tracking ev = new Tracking(map, "", 0);
            ExactCt kept = ev.encrypt(x, 2);
            ExactCt consumed = ev.encrypt(x, 2);
            try (LocalExecutor executor = new LocalExecutor(threads)) {
                ExactCt a = (ExactCt) executor.run(graph, ev, new Ct[] {kept}, ClientRefresh.NONE, null)[0];
                ExactCt b = (ExactCt) executor.runConsuming(graph, ev, new Ct[] {consumed}, ClientRefresh.NONE, null)[0];
                assertFalse(kept.isClosed(), "a plain run leaves the input to the caller");
                assertTrue(consumed.isClosed(), "a consuming run closes the input with " + threads + " threads");
                for (int i = 0; i < SLOTS; i++) {
                    assertEquals(a.values()[i], b.values()[i], 0.0, "slot " + i);
                }
                assertEquals(0, ev.open(kept, a, b), "intermediates left open");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mulPlain:1", "mulPlain:7", "mulPlain:last", "rotate:1", "rotate:6", "rotate:last", "add:1", "add:last"})
    void aFailingTaskClosesEverythingAndRethrows(String spec) {
        LinearMap map = map(1);
        double[] x = input(map);
        // count the calls of a successful run to place "last"
        String op = spec.substring(0, spec.indexOf(':'));
        Tracking probe = new Tracking(map, op, Integer.MAX_VALUE);
        ExactCt probeIn = probe.encrypt(x, 2);
        Graphs.apply(map, probe, probeIn).close();
        String at = spec.substring(spec.indexOf(':') + 1);
        int failAt = at.equals("last") ? probe.calls.get() : Integer.parseInt(at);

        for (int threads : new int[] {1, 2}) {
            Tracking ev = new Tracking(map, op, failAt);
            ExactCt in = ev.encrypt(x, 2);
            EvaluationException e = assertThrows(EvaluationException.class, () -> Graphs.apply(map, new CountingEvaluator(ev), threads, in));
            assertSame(ev.thrown.get(), e.getCause(), "the original failure is the cause");
            assertTrue(e.getMessage().startsWith("step 0 (linear at test) failed"), e.getMessage());
            assertEquals(0, ev.open(in), "ciphertexts left open after " + spec + " failed with " + threads + " threads");
            assertFalse(in.isClosed());
        }
    }

    @Test
    void onlyConcurrentEvaluatorsGetThreads() {
        String before = System.getProperty(Workers.PROPERTY);
        try {
            System.setProperty(Workers.PROPERTY, "2");
            ExactEvaluator concurrent = new ExactEvaluator(SLOTS);
            ExactEvaluator serial = new ExactEvaluator(SLOTS) {
                @Override
                public boolean concurrent() {
                    return false;
                }
            };
            try (LocalExecutor a = LocalExecutor.forEvaluator(new CountingEvaluator(concurrent));
                 LocalExecutor b = LocalExecutor.forEvaluator(new CountingEvaluator(serial))) {
                assertEquals(2, a.threads());
                assertEquals(1, b.threads());
            }
            System.setProperty(Workers.PROPERTY, "1");
            try (LocalExecutor c = LocalExecutor.forEvaluator(concurrent)) {
                assertEquals(1, c.threads());
            }
            System.setProperty(Workers.PROPERTY, "many");
            assertTrue(Workers.configuredThreads() >= 1 && Workers.configuredThreads() <= Workers.DEFAULT_CAP);
        } finally {
            if (before == null) {
                System.clearProperty(Workers.PROPERTY);
            } else {
                System.setProperty(Workers.PROPERTY, before);
            }
        }
    }
}
