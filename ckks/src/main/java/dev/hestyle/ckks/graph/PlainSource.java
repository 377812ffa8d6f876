package dev.hestyle.ckks.graph;

/**
 * The values of one plaintext operand, made when an operation needs them. Linear maps over large tensors
 * compute their diagonals on demand instead of holding gigabytes of them; {@link #release} tells the source
 * that one use is over, so it can drop what it computed once every use is.
 */
public interface PlainSource {

    /** The slot values (length at most the slot count; shared: callers must not modify them). */
    double[] values();

    /** One use of {@link #values()} is finished. */
    default void release() {
    }

    /** A source that holds {@code values}. */
    static PlainSource of(double[] values) {
        return () -> values;
    }
}
