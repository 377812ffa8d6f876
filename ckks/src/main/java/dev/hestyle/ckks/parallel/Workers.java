package dev.hestyle.ckks.parallel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many threads evaluate one program run: the system property {@value #PROPERTY}, by default the
 * available processors, at most {@value #DEFAULT_CAP}. The graph executor reads it.
 */
public final class Workers {
    /** System property with the number of threads; {@code 1} evaluates sequentially. */
    public static final String PROPERTY = "hestyle.threads";
    /** Upper bound of the default: more threads mostly add memory for ciphertexts in flight. */
    public static final int DEFAULT_CAP = 4;

    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    private Workers() {
    }

    /** The value of {@value #PROPERTY}, or the default; an unreadable value is reported and ignored. */
    public static int configuredThreads() {
        int fallback = Math.max(1, Math.min(DEFAULT_CAP, Runtime.getRuntime().availableProcessors()));
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        log.warn("ignoring {}={}: expected a whole number of threads of at least 1; using {}", PROPERTY, v, fallback);
        return fallback;
    }
}
