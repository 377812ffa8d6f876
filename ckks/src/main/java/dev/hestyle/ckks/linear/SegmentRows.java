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
        Shape in = shapes[m - 1];
        Shape out = shapes[m];
        int plane = out.height() * out.width();
        int c = q / plane;
        int y = (q % plane) / out.width();
        int x = q % out.width();
        if (layer instanceof Upsample2d u) {
            return expand(m - 1, (c * in.height() + y / u.scale()) * in.width() + x / u.scale(), factor, sink);
        }
        if (layer instanceof ConstantPad2d p) {
            int yy = y - p.pad();
            int xx = x - p.pad();
            if (yy < 0 || xx < 0 || yy >= in.height() || xx >= in.width()) {
                return factor * p.value();
            }
            return expand(m - 1, (c * in.height() + yy) * in.width() + xx, factor, sink);
        }
        if (layer instanceof BatchNorm2d b) {
            return factor * b.shift(c) + expand(m - 1, q, factor * b.scale(c), sink);
        }
        Conv2d conv = (Conv2d) layer;
        int k = conv.kernel();
        int s = conv.stride();
        double[] w = weights[m - 1];
        double constant = factor * biases[m - 1][c];
        for (int i = 0; i < conv.inChannels(); i++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    double wt = w[((c * conv.inChannels() + i) * k + ky) * k + kx];
                    if (wt != 0) {
                        constant += expand(m - 1, (i * in.height() + y * s + ky) * in.width() + x * s + kx, factor * wt, sink);
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
