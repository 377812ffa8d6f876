package dev.hestyle.fuzz;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one rule every target checks: bad input is refused with the decoder's typed exception, never anything else. */
final class Refusals {
    private static final Logger log = LoggerFactory.getLogger(Refusals.class);
    private static final Set<KnownFinding> reported = EnumSet.noneOf(KnownFinding.class);

    private Refusals() {
    }

    /** A decoding step; may throw anything, which is the point. */
    interface Decode {
        void run() throws Exception;
    }

    /**
     * Runs {@code decode}; returns normally if it succeeds or throws {@code typed}. A {@link KnownFinding} is logged
     * (once per JVM) and passes, so that it neither fails the build nor stops the fuzzer from looking for new
     * findings. Any other exception becomes an {@link AssertionError} that keeps it as the cause (so the finding
     * shows where it came from); errors such as {@link StackOverflowError} or {@link OutOfMemoryError} propagate as
     * they are.
     */
    static void onlyAs(Class<? extends Exception> typed, Decode decode) {
        try {
            decode.run();
        } catch (Exception | Error e) {
            if (typed.isInstance(e)) {
                return;
            }
            Optional<KnownFinding> known = KnownFinding.of(e);
            if (known.isPresent()) {
                report(known.get(), e);
                return;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new AssertionError("bad input must be refused with " + typed.getSimpleName() + ", got " + e, e);
        }
    }

    /** Logs {@code finding} the first time this JVM meets it; {@code cause} may be {@code null}. */
    static void report(KnownFinding finding, Throwable cause) {
        synchronized (reported) {
            if (reported.add(finding)) {
                log.warn("known finding {} (not fixed yet): {}", finding, finding.description(), cause);
            }
        }
    }
}
