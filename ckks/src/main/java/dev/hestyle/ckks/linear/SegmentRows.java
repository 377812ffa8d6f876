package dev.hestyle.ckks.linear;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a run of linear layers (upsample, pad, convolution, batch norm) computed from the layers
 * themselves: row {@code q} of the composition is row {@code q} of the last layer with each of its entries
 * expanded through the layers before it. Nothing proportional to the matrix is stored, so a segment over a
 * 256x256 image costs its layers' weights, not the hundreds of millions of entries of its matrix.
 */
public final class SegmentRows implements AffineRows {
    private final List<Layer> layers;
    /** {@code shapes[i]} is the input of layer {@code i}; the last is the output. */
    private final Shape[] shapes;
    /** Convolution weights and biases by layer index (the layer's accessors copy on every call). */
    private final double[][] weights;
    private final double[][] biases;
    /**
     * Per convolution whose inputs come through pads and upsamples only: for each index of the convolution's input,
     * the column of the segment's input it reads, or {@code -(k + 1)} where it reads the value of pad {@code k}
     * ({@link #padValues}). Rows then cost a table lookup per weight instead of a walk down the layers (most of a
     * large image's planning and of every run's plaintext encoding went into that walk); the arithmetic is the walk's.
     */
    private final int[][] sources;
    private final double[] padValues;

    private SegmentRows(List<Layer> layers, Shape[] shapes) {
        this.layers = layers;
        this.shapes = shapes;
        this.weights = new double[layers.size()][];
        this.biases = new double[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Conv2d conv) {
                weights[i] = conv.weight();
                biases[i] = conv.bias();
            }
        }
        List<Double> pads = new ArrayList<>();
        this.sources = new int[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Conv2d) {
                sources[i] = sources(i, pads);
            }
        }
        this.padValues = pads.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The source table of the convolution at layer {@code conv}, or {@code null} if a layer below it mixes inputs. */
    private int[] sources(int conv, List<Double> pads) {
        for (int m = 0; m < conv; m++) {
            if (!(layers.get(m) instanceof Upsample2d || layers.get(m) instanceof ConstantPad2d)) {
                return null;
            }
        }
        int[] table = new int[shapes[conv].size()];
        for (int q = 0; q < table.length; q++) {
            table[q] = source(conv, q, pads);
        }
        return table;
    }

    /** Where index {@code q} of layer {@code m}'s input comes from, through pads and upsamples (see {@link #sources}). */
    private int source(int m, int q, List<Double> pads) {
        for (; m > 0; m--) {
            int from = oneToOne(m, q);
            if (from < 0) {
                double value = ((ConstantPad2d) layers.get(m - 1)).value();
                int k = pads.indexOf(value);
                if (k < 0) {
                    k = pads.size();
                    pads.add(value);
                }
                return -(k + 1);
            }
            q = from;
        }
        return q;
    }

    /** Channel, row and column of index {@code q} of a tensor of shape {@code shape}. */
    private static int[] coordinates(Shape shape, int q) {
        int plane = shape.height() * shape.width();
        return new int[] {q / plane, (q % plane) / shape.width(), q % shape.width()};
    }

    /** The input index that output {@code q} of layer {@code m - 1} (an upsample or a pad) reads; -1 where it is padding. */
    private int oneToOne(int m, int q) {
        Shape in = shapes[m - 1];
        int[] cyx = coordinates(shapes[m], q);
        int c = cyx[0];
        int y = cyx[1];
        int x = cyx[2];
        if (layers.get(m - 1) instanceof Upsample2d u) {
            return (c * in.height() + y / u.scale()) * in.width() + x / u.scale();
        }
        ConstantPad2d p = (ConstantPad2d) layers.get(m - 1);
        int yy = y - p.pad();
        int xx = x - p.pad();
        if (yy < 0 || xx < 0 || yy >= in.height() || xx >= in.width()) {
            return -1;
        }
        return (c * in.height() + yy) * in.width() + xx;
    }

    /**
     * The composition of {@code layers} applied to tensors of shape {@code in} (no layers: the identity).
     *
     * @throws IllegalArgumentException for a layer that is not linear or does not fit the shape
     */
    public static SegmentRows of(Shape in, List<? extends Layer> layers) {
        Shape[] shapes = new Shape[layers.size() + 1];
        shapes[0] = in;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (!(l instanceof Upsample2d || l instanceof ConstantPad2d || l instanceof Conv2d || l instanceof BatchNorm2d)) {
                throw new IllegalArgumentException("layer " + l.getClass().getSimpleName() + " is not linear and cannot be part of a linear segment");
            }
            shapes[i + 1] = l.outputShape(shapes[i]);
        }
        return new SegmentRows(List.copyOf(new ArrayList<Layer>(layers)), shapes);
    }

    @Override
    public Shape inputShape() {
        return shapes[0];
    }

    @Override
    public Shape outputShape() {
        return shapes[shapes.length - 1];
    }

    @Override
    public double row(int q, EntrySink sink) {
        return expand(layers.size(), q, 1.0, sink);
    }

    /** Entries of row {@code q} of the first {@code m} layers, times {@code factor}; returns the constant part. */
    private double expand(int m, int q, double factor, EntrySink sink) {
        if (m == 0) {
            sink.entry(q, factor);
            return 0;
        }
        Layer layer = layers.get(m - 1);
        if (layer instanceof Upsample2d || layer instanceof ConstantPad2d) {
            int from = oneToOne(m, q);
            return from < 0 ? factor * ((ConstantPad2d) layer).value() : expand(m - 1, from, factor, sink);
        }
        Shape in = shapes[m - 1];
        int[] cyx = coordinates(shapes[m], q);
        int c = cyx[0];
        int y = cyx[1];
        int x = cyx[2];
        if (layer instanceof BatchNorm2d b) {
            return factor * b.shift(c) + expand(m - 1, q, factor * b.scale(c), sink);
        }
        Conv2d conv = (Conv2d) layer;
        int k = conv.kernel();
        int s = conv.stride();
        double[] w = weights[m - 1];
        double constant = factor * biases[m - 1][c];
        int[] table = sources[m - 1];
        for (int i = 0; i < conv.inChannels(); i++) {
            for (int ky = 0; ky < k; ky++) {
                int at = (i * in.height() + y * s + ky) * in.width() + x * s;
                int wAt = ((c * conv.inChannels() + i) * k + ky) * k;
                for (int kx = 0; kx < k; kx++) {
                    double wt = w[wAt + kx];
                    if (wt == 0) {
                        continue;
                    }
                    if (table == null) {
                        constant += expand(m - 1, at + kx, factor * wt, sink);
                    } else if (table[at + kx] >= 0) {
                        sink.entry(table[at + kx], factor * wt);
                    } else {
                        constant += factor * wt * padValues[-table[at + kx] - 1];
                    }
                }
            }
        }
        return constant;
    }

    @Override
    public void digest(Digest d) {
        d.add(shapes[0].toString());
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            d.add(l.getClass().getSimpleName());
            if (l instanceof Upsample2d u) {
                d.add(u.scale());
            } else if (l instanceof ConstantPad2d p) {
                d.add(p.pad()).add(p.value());
            } else if (l instanceof BatchNorm2d b) {
                d.add(b.gamma()).add(b.beta()).add(b.mean()).add(b.var()).add(b.eps());
            } else if (l instanceof Conv2d conv) {
                d.add(conv.inChannels()).add(conv.outChannels()).add(conv.kernel()).add(conv.stride()).add(weights[i]).add(biases[i]);
            }
        }
    }
}
