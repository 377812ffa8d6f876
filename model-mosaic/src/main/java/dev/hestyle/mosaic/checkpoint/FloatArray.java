package dev.hestyle.mosaic.checkpoint;

import java.util.Arrays;

/** An immutable float32 tensor from a checkpoint: a shape (row-major, possibly empty for a scalar) and its values. */
public final class FloatArray {
    private final int[] shape;
    private final float[] data;

    /** Copies {@code shape} and {@code data}; {@code data.length} must be the product of the dimensions. */
    public FloatArray(int[] shape, float[] data) {
        this(shape, data.clone(), true);
    }

    private FloatArray(int[] shape, float[] data, boolean adopted) {
        long n = ShapeMath.numel(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** Takes {@code data} without copying it (the reader's fresh arrays: a copy would double peak memory). */
    static FloatArray adopt(int[] shape, float[] data) {
        return new FloatArray(shape, data, true);
    }

    /** The dimensions, outermost first (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code d}. */
    public int dim(int d) {
        return shape[d];
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** Value {@code i} in row-major order. */
    public float get(int i) {
        return data[i];
    }

    /** A copy of the values in row-major order. */
    public float[] toFloats() {
        return data.clone();
    }

    /** The values widened to double, row-major. */
    public double[] toDoubles() {
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i];
        }
        return out;
    }

    /** Whether the shape equals {@code expected} exactly. */
    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatArray f && Arrays.equals(shape, f.shape) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatArray" + Arrays.toString(shape);
    }
}
