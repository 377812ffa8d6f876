package dev.hestyle.backend.clear;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.Arrays;

/**
 * Exact double-precision implementations of every layer kind, on CHW tensors with batch size 1. The
 * results follow PyTorch's inference semantics; only the summation order inside a convolution differs,
 * which changes results by a few units in the last place.
 */
public final class ClearOps {
    private ClearOps() {
    }

    /** Pads every side of every channel by {@code pad} pixels of {@code value}. */
    public static Tensor pad(Tensor in, int pad, double value) {
        if (pad < 0) {
            throw new IllegalArgumentException("padding must be non-negative, got " + pad);
        }
        Shape s = in.shape();
        int h = s.height();
        int w = s.width();
        int ph = h + 2 * pad;
        int pw = w + 2 * pad;
        double[] x = in.data();
        double[] out = new double[s.channels() * ph * pw];
        if (value != 0) {
            Arrays.fill(out, value);
        }
        for (int c = 0; c < s.channels(); c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(x, (c * h + y) * w, out, (c * ph + y + pad) * pw + pad, w);
            }
        }
        return Tensor.wrap(new Shape(s.channels(), ph, pw), out);
    }

    /**
     * A convolution without padding: {@code out[o][y][x] = bias[o] + Σ_{i,ky,kx} w[o][i][ky][kx] *
     * in[i][y*stride+ky][x*stride+kx]}.
     */
    public static Tensor conv2d(Tensor in, Conv2d conv) {
        Shape s = in.shape();
        Shape o = conv.outputShape(s);
        double[] out = conv.stride() == 1 ? convStride1(in.data(), s, o, conv) : convStrided(in.data(), s, o, conv);
        return Tensor.wrap(o, out);
    }

    /**
     * Stride 1: accumulates each output channel over whole input-width rows, so that the innermost loop
     * runs over {@code (oh - 1) * iw + ow} contiguous values (which the JIT vectorises) instead of rows
     * of {@code ow}; the {@code k - 1} extra columns per row are dropped at the end.
     */
    private static double[] convStride1(double[] x, Shape s, Shape o, Conv2d conv) {
        double[] w = conv.weight();
        double[] bias = conv.bias();
        int ci = s.channels();
        int iw = s.width();
        int plane = s.height() * iw;
        int k = conv.kernel();
        int oh = o.height();
        int ow = o.width();
        int span = (oh - 1) * iw + ow;
        double[] acc = new double[span];
        double[] out = new double[o.channels() * oh * ow];
        for (int oc = 0; oc < o.channels(); oc++) {
            Arrays.fill(acc, 0.0);
            for (int ic = 0; ic < ci; ic++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        double wv = w[((oc * ci + ic) * k + ky) * k + kx];
                        int base = ic * plane + ky * iw + kx;
                        for (int j = 0; j < span; j++) {
                            acc[j] += wv * x[base + j];
                        }
                    }
                }
            }
            int obase = oc * oh * ow;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    out[obase + oy * ow + ox] = acc[oy * iw + ox] + bias[oc];
                }
            }
        }
        return out;
    }

    /** Any stride: loop order o, i, ky, kx, y, x keeps the weight in a register. */
    private static double[] convStrided(double[] x, Shape s, Shape o, Conv2d conv) {
        double[] w = conv.weight();
        double[] bias = conv.bias();
        int ci = s.channels();
        int h = s.height();
        int iw = s.width();
        int k = conv.kernel();
        int stride = conv.stride();
        int oh = o.height();
        int ow = o.width();
        int plane = oh * ow;
        double[] out = new double[o.channels() * plane];
        for (int oc = 0; oc < o.channels(); oc++) {
            int obase = oc * plane;
            Arrays.fill(out, obase, obase + plane, bias[oc]);
            for (int ic = 0; ic < ci; ic++) {
                int ibase = ic * h * iw;
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        double wv = w[((oc * ci + ic) * k + ky) * k + kx];
                        for (int oy = 0; oy < oh; oy++) {
                            int orow = obase + oy * ow;
                            int irow = ibase + (oy * stride + ky) * iw + kx;
                            for (int ox = 0; ox < ow; ox++) {
                                out[orow + ox] += wv * x[irow + ox * stride];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Inference-mode batch normalisation, computed as PyTorch does: {@code x * scale(c) + shift(c)}. */
    public static Tensor batchNorm(Tensor in, BatchNorm2d bn) {
        Shape s = bn.outputShape(in.shape());
        int plane = s.height() * s.width();
        double[] x = in.data();
        double[] out = new double[x.length];
        for (int c = 0; c < s.channels(); c++) {
            double scale = bn.scale(c);
            double shift = bn.shift(c);
            for (int i = c * plane, end = i + plane; i < end; i++) {
                out[i] = x[i] * scale + shift;
            }
        }
        return Tensor.wrap(s, out);
    }

    /** Nearest-neighbour upsampling: {@code out[c][y][x] = in[c][y / scale][x / scale]}. */
    public static Tensor upsample(Tensor in, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("upsample scale must be at least 1, got " + scale);
        }
        Shape s = in.shape();
        int h = s.height();
        int w = s.width();
        int oh = h * scale;
        int ow = w * scale;
        double[] x = in.data();
        double[] out = new double[s.channels() * oh * ow];
        for (int c = 0; c < s.channels(); c++) {
            for (int oy = 0; oy < oh; oy++) {
                int irow = (c * h + oy / scale) * w;
                int orow = (c * oh + oy) * ow;
                for (int ox = 0; ox < ow; ox++) {
                    out[orow + ox] = x[irow + ox / scale];
                }
            }
        }
        return Tensor.wrap(new Shape(s.channels(), oh, ow), out);
    }

    /** {@code max(0, x)} elementwise. */
    public static Tensor relu(Tensor in) {
        double[] x = in.data();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] > 0 ? x[i] : 0.0;
        }
        return Tensor.wrap(in.shape(), out);
    }

    /** Elementwise sum of two tensors of the same shape (the residual connection). */
    public static Tensor add(Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("cannot add tensors of shapes " + a.shape() + " and " + b.shape());
        }
        double[] x = a.data();
        double[] y = b.data();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + y[i];
        }
        return Tensor.wrap(a.shape(), out);
    }
}
