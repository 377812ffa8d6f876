package dev.hestyle.ckks.engine;

import java.util.Map;

/**
 * Optionally implemented by an {@link Evaluator} that measures or models more than operation counts,
 * e.g. the simulator's estimated seconds on real hardware. Reported in {@link dev.hestyle.spi.Evaluation#details()}.
 */
public interface Metered {

    /** Figures whose key ends with this suffix accumulate over the evaluator's life (a real number). */
    String ACCUMULATING_SUFFIX = "_seconds";
    /** Figures whose key ends with this suffix accumulate too, as a whole number of events. */
    String COUNTING_SUFFIX = "_count";

    /** Whether the figure named {@code key} accumulates; all others are fixed. */
    static boolean accumulates(String key) {
        return key.endsWith(ACCUMULATING_SUFFIX) || key.endsWith(COUNTING_SUFFIX);
    }

    /** Figures accumulated since this evaluator was created, e.g. {@code "modelled_seconds" -> 312.5}. */
    Map<String, Object> meter();
}
