package dev.hestyle.tensor;

import java.util.Arrays;

/**
 * An immutable CHW tensor of doubles. Index {@code (c, y, x)} lives at {@code (c * height + y) * width + x}.
 */
public final class Tensor {
    private final Shape shape;
    private final double[] data;

    private Tensor(Shape shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** Wraps a copy of {@code data}, which must hold exactly {@code shape.size()} finite values. */
    public static Tensor of(Shape shape, double[] data) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("tensor of shape " + shape + " needs " + shape.size() + " values, got " + data.length);
        }
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("tensor value " + i + " is not finite: " + data[i]);
            }
        }
        return new Tensor(shape, data.clone());
    }

    /** Wraps {@code data} without copying; the caller must not modify it afterwards. For backends' hot paths. */
    public static Tensor wrap(Shape shape, double[] data) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("tensor of shape " + shape + " needs " + shape.size() + " values, got " + data.length);
        }
        return new Tensor(shape, data);
    }

    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new double[shape.size()]);
    }

    public Shape shape() {
        return shape;
    }

    public double get(int c, int y, int x) {
        return data[(c * shape.height() + y) * shape.width() + x];
    }

    /** A copy of the values in CHW order. */
    public double[] toArray() {
        return data.clone();
    }

    /** The backing array, read-only by contract; avoids a copy on hot paths. */
    public double[] data() {
        return data;
    }

    /** Largest absolute difference to {@code other}, which must have the same shape. */
    public double maxAbsDiff(Tensor other) {
        if (!shape.equals(other.shape)) {
            throw new IllegalArgumentException("shapes differ: " + shape + " vs " + other.shape);
        }
        double max = 0;
        for (int i = 0; i < data.length; i++) {
            max = Math.max(max, Math.abs(data[i] - other.data[i]));
        }
        return max;
    }

    /** Largest absolute value. */
    public double maxAbs() {
        double max = 0;
        for (double v : data) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + shape + "]";
    }
}
