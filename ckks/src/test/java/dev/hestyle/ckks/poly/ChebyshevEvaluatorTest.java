package dev.hestyle.ckks.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.spi.OpCounts;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChebyshevEvaluatorTest {

    private static final int SLOTS = 64;

    private static double[] grid() {
        double[] x = new double[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            x[i] = Math.cos(Math.PI * i / (SLOTS - 1)); // includes both ends
        }
        return x;
    }

    private static ChebyshevSeries random(int degree, long seed) {
        return ChebyshevSeries.of(new Random(seed).doubles(degree + 1, -1, 1).toArray());
    }

    @Test
    void matchesValueUsesExactlyDepthLevelsAndCostsWhatCostSays() {
        double[] x = grid();
        for (int degree = 0; degree <= 127; degree++) {
            ChebyshevSeries p = random(degree, degree);
            int spare = degree % 3; // start above the minimum too: consumption must still be exact
            PlainEvaluator ev = new PlainEvaluator(SLOTS);
            PlainCt in = ev.encrypt(x, p.depth() + spare);
            PlainCt out = (PlainCt) ChebyshevEvaluator.evaluate(ev, in, p);
            for (int i = 0; i < SLOTS; i++) {
                assertEquals(p.value(x[i]), out.slots()[i], 1e-9, "degree " + degree + " at " + x[i]);
            }
            assertEquals(spare, out.level(), "levels consumed by degree " + degree);
            assertEquals(ev.counts(), ChebyshevEvaluator.cost(p), "operation count of degree " + degree);
            assertFalse(in.isClosed(), "the input belongs to the caller");
            assertEquals(2, ev.openCount(), "only input and result may stay open (degree " + degree + ")");
            out.close();
        }
    }

    @Test
    void fullDegreeCostsFollowTheRecursion() {
        for (int d = 1; d <= 7; d++) {
            OpCounts c = ChebyshevEvaluator.cost(ChebyshevSeries.of(new double[1 << d]));
            // leaves: 2^(d-1) constant multiplications; products: 2^(d-1) - 1; powers T_2..T_2^(d-1): d - 1
            assertEquals((1L << (d - 1)) - 1 + (d - 1), c.ctMults(), "ct mults at depth " + d);
            assertEquals(1L << (d - 1), c.ptMults(), "constant mults at depth " + d);
            assertEquals(0, c.rotations());
            assertEquals(0, c.bootstraps());
        }
    }

    @Test
    void tooFewLevelsAreRejected() {
        PlainEvaluator ev = new PlainEvaluator(SLOTS);
        for (int d = 1; d <= 7; d++) {
            ChebyshevSeries p = random((1 << d) - 1, d);
            try (PlainCt in = ev.encrypt(grid(), d - 1)) {
                assertThrows(EvaluationException.class, () -> ChebyshevEvaluator.evaluate(ev, in, p));
            }
        }
        assertEquals(0, ev.openCount());
    }

    @Test
    void testEvaluatorThrowsWhenLevelsRunOut() {
        // the level checks above rely on this evaluator enforcing level 0 itself
        PlainEvaluator ev = new PlainEvaluator(SLOTS);
        try (PlainCt a = ev.encrypt(grid(), 1); Ct b = ev.mul(a, a)) {
            assertEquals(0, b.level());
            assertThrows(EvaluationException.class, () -> ev.mulConst(b, 2.0));
            assertThrows(EvaluationException.class, () -> ev.mul(a, b));
            try (Ct sum = ev.add(a, b)) {
                assertEquals(0, sum.level());
            }
        }
    }

    @Test
    void intermediatesAreClosedWhenAnOperationFails() {
        ChebyshevSeries p = random(63, 11);
        PlainEvaluator probe = new PlainEvaluator(SLOTS);
        try (PlainCt in = probe.encrypt(grid(), 6)) {
            ChebyshevEvaluator.evaluate(probe, in, p).close();
        }
        long operations = probe.operations();
        assertTrue(operations > 100);
        for (long failAt = 0; failAt < operations; failAt++) {
            PlainEvaluator ev = new PlainEvaluator(SLOTS);
            PlainCt in = ev.encrypt(grid(), 6);
            ev.failAtOperation(failAt);
            assertThrows(EvaluationException.class, () -> ChebyshevEvaluator.evaluate(ev, in, p));
            assertFalse(in.isClosed());
            assertEquals(1, ev.openCount(), "leak when operation " + failAt + " fails");
        }
    }
}
