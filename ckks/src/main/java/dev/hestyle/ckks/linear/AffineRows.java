package dev.hestyle.ckks.linear;

import dev.hestyle.tensor.Shape;

/**
 * An affine map {@code y = A x + c} between CHW tensors, read one output row at a time. Lets a map whose
 * matrix would take gigabytes (a convolution over a large image) be placed on slots without ever being
 * stored: {@link SegmentRows} computes rows from the layers, {@link TensorAffine} stores them.
 */
public interface AffineRows {

    /** Receives the entries of one row. */
    @FunctionalInterface
    interface EntrySink {
        /** Input element {@code column} (CHW index) contributes with {@code weight}; a column may come more than once (add them). */
        void entry(int column, double weight);
    }

    Shape inputShape();

    Shape outputShape();

    /** Feeds every entry of output row {@code q} to {@code sink} and returns the row's constant term. */
    double row(int q, EntrySink sink);

    /** Feeds everything that determines the map into {@code d}. */
    void digest(Digest d);
}
