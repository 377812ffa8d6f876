package dev.hestyle.mosaic.testing;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Relu;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;

/**
 * A deliberately naive double-precision interpreter of the layer graph, only to check in this module's tests that
 * the graph built from the checkpoint computes the reference outputs. Backends have their own implementations.
 */
public final class ReferenceForward {
    private ReferenceForward() {
    }

    public static Tensor run(Layer layer, Tensor x) {
        if (layer instanceof Sequential s) {
            for (Layer l : s.layers()) {
                x = run(l, x);
            }
            return x;
        }
        if (layer instanceof Residual r) {
            Tensor y = run(r.body(), x);
            double[] out = x.toArray();
            for (int i = 0; i < out.length; i++) {
                out[i] += y.data()[i];
            }
            return Tensor.of(x.shape(), out);
        }
        if (layer instanceof Conv2d c) {
            return conv(c, x);
        }
        if (layer instanceof BatchNorm2d bn) {
            return map(x, (ch, v) -> bn.scale(ch) * v + bn.shift(ch));
        }
        if (layer instanceof Relu) {
            return map(x, (ch, v) -> Math.max(0, v));
        }
        if (layer instanceof ConstantPad2d p) {
            return pad(p, x);
        }
        if (layer instanceof Upsample2d u) {
            return upsample(u.scale(), x);
        }
        throw new IllegalArgumentException("unknown layer " + layer);
    }

    private interface ChannelOp {
        double apply(int channel, double v);
    }

    private static Tensor map(Tensor x, ChannelOp op) {
        Shape s = x.shape();
        int n = s.height() * s.width();
        double[] out = x.toArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = op.apply(i / n, out[i]);
        }
        return Tensor.of(s, out);
    }

    private static Tensor conv(Conv2d c, Tensor x) {
        Shape out = c.outputShape(x.shape());
        double[] y = new double[out.size()];
        for (int o = 0; o < c.outChannels(); o++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    double s = c.bias()[o];
                    for (int i = 0; i < c.inChannels(); i++) {
                        for (int ky = 0; ky < c.kernel(); ky++) {
                            for (int kx = 0; kx < c.kernel(); kx++) {
                                s += c.w(o, i, ky, kx) * x.get(i, oy * c.stride() + ky, ox * c.stride() + kx);
                            }
                        }
                    }
                    y[(o * out.height() + oy) * out.width() + ox] = s;
                }
            }
        }
        return Tensor.of(out, y);
    }

    private static Tensor pad(ConstantPad2d p, Tensor x) {
        Shape in = x.shape();
        Shape out = p.outputShape(in);
        double[] y = new double[out.size()];
        for (int c = 0; c < out.channels(); c++) {
            for (int yy = 0; yy < out.height(); yy++) {
                for (int xx = 0; xx < out.width(); xx++) {
                    int sy = yy - p.pad();
                    int sx = xx - p.pad();
                    boolean inside = sy >= 0 && sx >= 0 && sy < in.height() && sx < in.width();
                    y[(c * out.height() + yy) * out.width() + xx] = inside ? x.get(c, sy, sx) : p.value();
                }
            }
        }
        return Tensor.of(out, y);
    }

    private static Tensor upsample(int k, Tensor x) {
        Shape out = new Shape(x.shape().channels(), x.shape().height() * k, x.shape().width() * k);
        double[] y = new double[out.size()];
        for (int c = 0; c < out.channels(); c++) {
            for (int yy = 0; yy < out.height(); yy++) {
                for (int xx = 0; xx < out.width(); xx++) {
                    y[(c * out.height() + yy) * out.width() + xx] = x.get(c, yy / k, xx / k);
                }
            }
        }
        return Tensor.of(out, y);
    }
}
