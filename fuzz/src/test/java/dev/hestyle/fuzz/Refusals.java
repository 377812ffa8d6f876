package dev.hestyle.fuzz;

/** The one rule every target checks: bad input is refused with the decoder's typed exception, never anything else. */
final class Refusals {

    private Refusals() {
    }

    /** A decoding step; may throw anything, which is the point. */
    interface Decode {
        void run() throws Exception;
    }

    /**
     * Runs {@code decode}; returns normally if it succeeds or throws {@code typed}. Any other exception becomes an
     * {@link AssertionError} that keeps it as the cause (so the finding shows where it came from); errors such as
     * {@link StackOverflowError} or {@link OutOfMemoryError} propagate as they are.
     */
    static void onlyAs(Class<? extends Exception> typed, Decode decode) {
        try {
            decode.run();
        } catch (Exception e) {
            if (typed.isInstance(e)) {
                return;
            }
            throw new AssertionError("bad input must be refused with " + typed.getSimpleName() + ", got " + e, e);
        }
    }
}
