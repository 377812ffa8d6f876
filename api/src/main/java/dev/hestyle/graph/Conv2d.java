package dev.hestyle.graph;

import dev.hestyle.tensor.Shape;

/**
 * A 2-D convolution without padding (padding is a separate {@link ConstantPad2d}), square kernel.
 *
 * @param inChannels input channels
 * @param outChannels output channels
 * @param kernel kernel height and width
 * @param stride step in both directions
 * @param weight {@code outChannels * inChannels * kernel * kernel} values in OIHW order
 * @param bias {@code outChannels} values
 */
public record Conv2d(int inChannels, int outChannels, int kernel, int stride, double[] weight, double[] bias) implements Layer {
    public Conv2d {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("conv dimensions must be positive");
        }
        if (weight.length != outChannels * inChannels * kernel * kernel) {
            throw new IllegalArgumentException("conv weight needs " + (outChannels * inChannels * kernel * kernel)
                    + " values (OIHW " + outChannels + "x" + inChannels + "x" + kernel + "x" + kernel + "), got " + weight.length);
        }
        if (bias.length != outChannels) {
            throw new IllegalArgumentException("conv bias needs " + outChannels + " values, got " + bias.length);
        }
        weight = weight.clone();
        bias = bias.clone();
    }

    /** The weight of output channel {@code o}, input channel {@code i}, kernel row {@code ky}, column {@code kx}. */
    public double w(int o, int i, int ky, int kx) {
        return weight[((o * inChannels + i) * kernel + ky) * kernel + kx];
    }

    @Override
    public double[] weight() {
        return weight.clone();
    }

    @Override
    public double[] bias() {
        return bias.clone();
    }

    @Override
    public Shape outputShape(Shape in) {
        if (in.channels() != inChannels) {
            throw new IllegalArgumentException("conv expects " + inChannels + " input channels, got " + in);
        }
        if (in.height() < kernel || in.width() < kernel) {
            throw new IllegalArgumentException("input " + in + " is smaller than the " + kernel + "x" + kernel + " kernel");
        }
        return new Shape(outChannels, (in.height() - kernel) / stride + 1, (in.width() - kernel) / stride + 1);
    }
}
