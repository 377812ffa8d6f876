package dev.hestyle.ckks.linear;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * An affine map {@code y = A x + c} between CHW tensors, with {@code A} sparse (compressed rows). Built by
 * composing linear layers, so that a whole segment (e.g. upsample, pad, convolution, batch norm) becomes
 * one matrix whose rows list exactly which input elements each output element reads.
 */
public final class TensorAffine {
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
        int n = shape.size();
        int[] rows = new int[n + 1];
        int[] cols = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i + 1] = i + 1;
            cols[i] = i;
            w[i] = 1;
        }
        return new TensorAffine(shape, shape, rows, cols, w, new double[n]);
    }

    /**
     * The composition of {@code layers} applied to tensors of shape {@code in}.
     *
     * @throws IllegalArgumentException for a layer that is not linear (ReLU, residual, nested sequence) or does not fit the shape
     */
    public static TensorAffine of(Shape in, List<? extends Layer> layers) {
        TensorAffine m = identity(in);
        for (Layer layer : layers) {
            m = m.then(layer);
        }
        return m;
    }

    /** This map followed by {@code layer}. */
    public TensorAffine then(Layer layer) {
        return LayerMatrix.of(layer, out).compose(this);
    }

    /** This map followed by multiplication of every output by {@code factor}. */
    public TensorAffine times(double factor) {
        double[] w = weights.clone();
        double[] c = constant.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= factor;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] *= factor;
        }
        return new TensorAffine(in, out, rowStart, cols, w, c);
    }

    /** {@code this ∘ inner}: the rows of this map expressed over the inputs of {@code inner}. */
    TensorAffine compose(TensorAffine inner) {
        if (!inner.out.equals(in)) {
            throw new IllegalArgumentException("cannot compose: inner map produces " + inner.out + " but this map reads " + in);
        }
        int n = out.size();
        int[] newRows = new int[n + 1];
        IntList newCols = new IntList(rowStart[n] * 2);
        DoubleList newW = new DoubleList(rowStart[n] * 2);
        double[] newC = new double[n];
        double[] acc = new double[inner.in.size()];
        boolean[] touched = new boolean[inner.in.size()];
        int[] touchedList = new int[inner.in.size()];
        for (int q = 0; q < n; q++) {
            int count = 0;
            double c = constant[q];
            for (int k = rowStart[q]; k < rowStart[q + 1]; k++) {
                int mid = cols[k];
                double w = weights[k];
                c += w * inner.constant[mid];
                for (int j = inner.rowStart[mid]; j < inner.rowStart[mid + 1]; j++) {
                    int src = inner.cols[j];
                    if (!touched[src]) {
                        touched[src] = true;
                        touchedList[count++] = src;
                    }
                    acc[src] += w * inner.weights[j];
                }
            }
            Arrays.sort(touchedList, 0, count);
            for (int t = 0; t < count; t++) {
                int src = touchedList[t];
                newCols.add(src);
                newW.add(acc[src]);
                acc[src] = 0;
                touched[src] = false;
            }
            newC[q] = c;
            newRows[q + 1] = newCols.size();
        }
        return new TensorAffine(inner.in, out, newRows, newCols.toArray(), newW.toArray(), newC);
    }

    public Shape inputShape() {
        return in;
    }

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

    /** The sparse matrix of one linear layer; composed by {@link #compose}. */
    private static final class LayerMatrix {
        private LayerMatrix() {
        }

        static TensorAffine of(Layer layer, Shape in) {
            Shape out = layer.outputShape(in);
            if (layer instanceof Upsample2d u) {
                return select(in, out, (c, y, x) -> (c * in.height() + y / u.scale()) * in.width() + x / u.scale(), 0);
            }
            if (layer instanceof ConstantPad2d p) {
                int pad = p.pad();
                return select(in, out, (c, y, x) -> {
                    int yy = y - pad;
                    int xx = x - pad;
                    return yy < 0 || xx < 0 || yy >= in.height() || xx >= in.width() ? -1 : (c * in.height() + yy) * in.width() + xx;
                }, p.value());
            }
            if (layer instanceof BatchNorm2d b) {
                int n = out.size();
                int[] rows = new int[n + 1];
                int[] cols = new int[n];
                double[] w = new double[n];
                double[] c = new double[n];
                int plane = in.height() * in.width();
                for (int i = 0; i < n; i++) {
                    rows[i + 1] = i + 1;
                    cols[i] = i;
                    w[i] = b.scale(i / plane);
                    c[i] = b.shift(i / plane);
                }
                return new TensorAffine(in, out, rows, cols, w, c);
            }
            if (layer instanceof Conv2d conv) {
                return conv(conv, in, out);
            }
            throw new IllegalArgumentException("layer " + layer.getClass().getSimpleName() + " is not linear and cannot be part of a linear segment");
        }

        private interface Source {
            /** CHW index of the input element output {@code (c, y, x)} copies, or -1 for the constant. */
            int at(int c, int y, int x);
        }

        private static TensorAffine select(Shape in, Shape out, Source source, double fill) {
            int n = out.size();
            int[] rows = new int[n + 1];
            IntList cols = new IntList(n);
            DoubleList w = new DoubleList(n);
            double[] c = new double[n];
            int q = 0;
            for (int ch = 0; ch < out.channels(); ch++) {
                for (int y = 0; y < out.height(); y++) {
                    for (int x = 0; x < out.width(); x++) {
                        int src = source.at(ch, y, x);
                        if (src < 0) {
                            c[q] = fill;
                        } else {
                            cols.add(src);
                            w.add(1);
                        }
                        rows[++q] = cols.size();
                    }
                }
            }
            return new TensorAffine(in, out, rows, cols.toArray(), w.toArray(), c);
        }

        private static TensorAffine conv(Conv2d conv, Shape in, Shape out) {
            int n = out.size();
            int k = conv.kernel();
            int s = conv.stride();
            int[] rows = new int[n + 1];
            IntList cols = new IntList(n * conv.inChannels() * k * k);
            DoubleList w = new DoubleList(n * conv.inChannels() * k * k);
            double[] c = new double[n];
            double[] bias = conv.bias();
            double[] weight = conv.weight();
            int q = 0;
            for (int o = 0; o < out.channels(); o++) {
                for (int y = 0; y < out.height(); y++) {
                    for (int x = 0; x < out.width(); x++) {
                        for (int i = 0; i < conv.inChannels(); i++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    cols.add((i * in.height() + y * s + ky) * in.width() + x * s + kx);
                                    w.add(weight[((o * conv.inChannels() + i) * k + ky) * k + kx]);
                                }
                            }
                        }
                        c[q] = bias[o];
                        rows[++q] = cols.size();
                    }
                }
            }
            return new TensorAffine(in, out, rows, cols.toArray(), w.toArray(), c);
        }
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
