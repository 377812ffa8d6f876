package dev.hestyle.mosaic.checkpoint;

import java.util.Arrays;

/** An immutable int64 tensor from a checkpoint, e.g. a batch norm's {@code num_batches_tracked} counter. */
public final class LongArray {
    private final int[] shape;
    private final long[] data;

    /** Copies {@code shape} and {@code data}; {@code data.length} must be the product of the dimensions. */
    public LongArray(int[] shape, long[] data) {
        long n = ShapeMath.numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        this.shape = shape.clone();
        this.data = data.clone();
    }

    /** The dimensions, outermost first (a copy); empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** Value {@code i} in row-major order. */
    public long get(int i) {
        return data[i];
    }

    /** A copy of the values in row-major order. */
    public long[] toLongs() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongArray l && Arrays.equals(shape, l.shape) && Arrays.equals(data, l.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LongArray" + Arrays.toString(shape);
    }
}
