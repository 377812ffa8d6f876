package dev.hestyle.graph;

import dev.hestyle.tensor.Shape;

/**
 * Inference-mode batch normalisation: {@code y = (x - mean) / sqrt(var + eps) * gamma + beta} per channel.
 */
public record BatchNorm2d(int channels, double[] gamma, double[] beta, double[] mean, double[] var, double eps) implements Layer {
    public BatchNorm2d {
        for (double[] a : new double[][] {gamma, beta, mean, var}) {
            if (a.length != channels) {
                throw new IllegalArgumentException("batch norm parameters need " + channels + " values each, got " + a.length);
            }
        }
        for (double v : var) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("batch norm running variance must be non-negative, got " + v);
            }
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("batch norm eps must be positive");
        }
        gamma = gamma.clone();
        beta = beta.clone();
        mean = mean.clone();
        var = var.clone();
    }

    /** Per-channel multiplier {@code gamma / sqrt(var + eps)}: BN is an affine map {@code scale * x + shift}. */
    public double scale(int c) {
        return gamma[c] / Math.sqrt(var[c] + eps);
    }

    /** Per-channel offset {@code beta - mean * scale}. */
    public double shift(int c) {
        return beta[c] - mean[c] * scale(c);
    }

    @Override
    public double[] gamma() {
        return gamma.clone();
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] var() {
        return var.clone();
    }

    @Override
    public Shape outputShape(Shape in) {
        if (in.channels() != channels) {
            throw new IllegalArgumentException("batch norm expects " + channels + " channels, got " + in);
        }
        return in;
    }
}
