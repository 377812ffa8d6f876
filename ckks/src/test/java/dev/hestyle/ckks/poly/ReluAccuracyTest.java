package dev.hestyle.ckks.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.spi.OpCounts;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accuracy of the fitted ReLU by depth, measured end to end through {@link ChebyshevEvaluator} on one
 * full 8192-slot vector of held-out samples (the shape of the design's accuracy-by-depth table).
 * The table is logged at INFO.
 */
class ReluAccuracyTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReluAccuracyTest.class);
    private static final int SLOTS = 8192;

    @Test
    void errorShrinksSteadilyWithDepth() {
        StringBuilder table = new StringBuilder("\n| samples | depth | degree | max error | RMS error | max error on [-1,1] | ct mults | const mults |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (ReluSamples kind : ReluSamples.values()) {
            double[] train = kind.normalised(65_536, 11);
            double[] test = kind.normalised(SLOTS, 12);
            double previousRms = Double.POSITIVE_INFINITY;
            for (int depth = 2; depth <= ReluFit.MAX_DEPTH; depth++) {
                ChebyshevSeries p = ReluFit.fit(depth, train);
                PlainEvaluator ev = new PlainEvaluator(SLOTS);
                double max = 0;
                double sum = 0;
                try (PlainCt x = ev.encrypt(test, depth); PlainCt y = (PlainCt) ChebyshevEvaluator.evaluate(ev, x, p)) {
                    assertEquals(0, y.level());
                    for (int i = 0; i < SLOTS; i++) {
                        assertEquals(p.value(test[i]), y.slots()[i], 1e-9);
                        double e = Math.abs(y.slots()[i] - ReluSamples.relu(test[i]));
                        max = Math.max(max, e);
                        sum += e * e;
                    }
                }
                double rms = Math.sqrt(sum / SLOTS);
                OpCounts cost = ChebyshevEvaluator.cost(p);
                assertEquals(cost, ev.counts());
                table.append(String.format("| %s | %d | %d | %.2e | %.2e | %.2e | %d | %d |%n", kind, depth, p.degree(), max, rms,
                        ReluSamples.maxErrorOnInterval(p), cost.ctMults(), cost.ptMults()));
                // one more level doubles the degree: the error on the samples should at least drop by a third
                assertTrue(rms < 0.65 * previousRms, kind + " depth " + depth + ": RMS " + rms + " after " + previousRms);
                previousRms = rms;
            }
        }
        LOG.info("ReLU approximation error by depth (held-out samples, {} slots):{}", SLOTS, table);
    }
}
