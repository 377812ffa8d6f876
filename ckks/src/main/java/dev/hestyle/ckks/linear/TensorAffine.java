package dev.hestyle.ckks.linear;

import dev.hestyle.graph.Layer;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * An affine map {@code y = A x + c} between CHW tensors, stored with {@code A} sparse (compressed rows, each
 * row's columns ascending and distinct). Built from the rows of a segment ({@link SegmentRows}), so that a
 * whole run of linear layers (e.g. upsample, pad, convolution, batch norm) becomes one matrix whose rows list
 * exactly which input elements each output element reads. Only for maps small enough to store; large ones
 * are read row by row from their {@link AffineRows} instead.
 */
public final class TensorAffine implements AffineRows {
    private final Shape in;
    private final Shape out;
    private final int[] rowStart;
    private final int[] cols;
    private final double[] weights;
    private final double[] constant;

    private TensorAffine(Shape in, Shape out, int[] rowStart, int[] cols, double[] weights, double[] constant) {
        this.in = in;
        this.out = out;
        this.rowStart = rowStart;
        this.cols = cols;
        this.weights = weights;
        this.constant = constant;
    }

    /** The identity on tensors of {@code shape}. */
    public static TensorAffine identity(Shape shape) {
        return of(shape, List.of());
    }

    /**
     * The composition of {@code layers} applied to tensors of shape {@code in}.
     *
     * @throws IllegalArgumentException for a layer that is not linear (ReLU, residual, nested sequence) or does not fit the shape
     */
    public static TensorAffine of(Shape in, List<? extends Layer> layers) {
        return of(SegmentRows.of(in, layers));
    }

    /** {@code rows} stored: entries of one column are summed, columns sorted. */
    public static TensorAffine of(AffineRows rows) {
        Shape in = rows.inputShape();
        Shape out = rows.outputShape();
        int n = out.size();
        int[] rowStart = new int[n + 1];
        IntList cols = new IntList(n);
        DoubleList w = new DoubleList(n);
        double[] c = new double[n];
        double[] acc = new double[in.size()];
        boolean[] touched = new boolean[in.size()];
        int[] touchedList = new int[in.size()];
        int[] count = new int[1];
        for (int q = 0; q < n; q++) {
            count[0] = 0;
            c[q] = rows.row(q, (col, wt) -> {
                if (!touched[col]) {
                    touched[col] = true;
                    touchedList[count[0]++] = col;
                }
                acc[col] += wt;
            });
            Arrays.sort(touchedList, 0, count[0]);
            for (int t = 0; t < count[0]; t++) {
                int src = touchedList[t];
                cols.add(src);
                w.add(acc[src]);
                acc[src] = 0;
                touched[src] = false;
            }
            rowStart[q + 1] = cols.size();
        }
        return new TensorAffine(in, out, rowStart, cols.toArray(), w.toArray(), c);
    }

    @Override
    public double row(int q, EntrySink sink) {
        for (int k = rowStart[q]; k < rowStart[q + 1]; k++) {
            sink.entry(cols[k], weights[k]);
        }
        return constant[q];
    }

    @Override
    public void digest(Digest d) {
        d.add(in.toString()).add(out.toString());
        for (int q = 0; q < rowStart.length; q++) {
            d.add(rowStart[q]);
        }
        for (int col : cols) {
            d.add(col);
        }
        d.add(weights).add(constant);
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    /** Number of stored (output, input) entries. */
    public int nonZeros() {
        return rowStart[out.size()];
    }

    /** First entry of output {@code q}'s row; entries run to {@link #rowEnd(int)}. */
    public int rowStart(int q) {
        return rowStart[q];
    }

    public int rowEnd(int q) {
        return rowStart[q + 1];
    }

    /** Input CHW index of entry {@code k}. */
    public int column(int k) {
        return cols[k];
    }

    /** Weight of entry {@code k}. */
    public double weight(int k) {
        return weights[k];
    }

    /** The constant term of output {@code q}. */
    public double constant(int q) {
        return constant[q];
    }

    /** {@code A x + c} on a CHW vector. */
    public double[] apply(double[] x) {
        if (x.length != in.size()) {
            throw new IllegalArgumentException("input has " + x.length + " values, map reads " + in.size());
        }
        double[] y = new double[out.size()];
        for (int q = 0; q < y.length; q++) {
            double s = constant[q];
            for (int k = rowStart[q]; k < rowStart[q + 1]; k++) {
                s += weights[k] * x[cols[k]];
            }
            y[q] = s;
        }
        return y;
    }

    public Tensor apply(Tensor x) {
        if (!x.shape().equals(in)) {
            throw new IllegalArgumentException("map reads " + in + " tensors, got " + x.shape());
        }
        return Tensor.wrap(out, apply(x.data()));
    }

    /** A growable int array (avoids boxing millions of entries). */
    static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[Math.max(16, capacity)];
        }

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** A growable double array. */
    static final class DoubleList {
        private double[] a;
        private int n;

        DoubleList(int capacity) {
            a = new double[Math.max(16, capacity)];
        }

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
