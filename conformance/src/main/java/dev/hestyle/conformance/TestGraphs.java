package dev.hestyle.conformance;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random layers, blocks and tensors in the shapes of the Mosaic network. Weights use He
 * initialisation and batch-norm statistics near 1, so activations stay at a few units, as in the
 * trained network.
 */
public final class TestGraphs {
    private final Random random;

    public TestGraphs(long seed) {
        this.random = new Random(seed);
    }

    /** Gaussian values with standard deviation {@code scale}. */
    public Tensor activations(Shape shape, double scale) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian() * scale;
        }
        return Tensor.of(shape, v);
    }

    /** A 3x3 convolution with He-initialised weights and small biases. */
    public Conv2d conv(int in, int out, int stride) {
        double std = Math.sqrt(2.0 / (9.0 * in));
        double[] w = new double[out * in * 9];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * std;
        }
        double[] b = new double[out];
        for (int i = 0; i < out; i++) {
            b[i] = random.nextGaussian() * 0.1;
        }
        return new Conv2d(in, out, 3, stride, w, b);
    }

    /** Batch norm with gamma and variance in [0.5, 1.5], beta and mean near 0. */
    public BatchNorm2d batchNorm(int channels) {
        double[] gamma = new double[channels];
        double[] beta = new double[channels];
        double[] mean = new double[channels];
        double[] var = new double[channels];
        for (int c = 0; c < channels; c++) {
            gamma[c] = 0.5 + random.nextDouble();
            beta[c] = random.nextGaussian() * 0.2;
            mean[c] = random.nextGaussian() * 0.2;
            var[c] = 0.5 + random.nextDouble();
        }
        return new BatchNorm2d(channels, gamma, beta, mean, var, 1e-5);
    }

    /** Mosaic's ConvBlock: [upsample ×2] → pad 1 → conv 3x3 → [batch norm] → [ReLU]. */
    public Sequential convBlock(String name, int in, int out, int stride, boolean upsample, boolean norm, boolean relu) {
        List<Layer> layers = new ArrayList<>();
        if (upsample) {
            layers.add(new Upsample2d(2));
        }
        layers.add(new ConstantPad2d(1, 0));
        layers.add(conv(in, out, stride));
        if (norm) {
            layers.add(batchNorm(out));
        }
        if (relu) {
            layers.add(new Relu());
        }
        return new Sequential(name, layers);
    }

    /** Mosaic's residual block: {@code x + [block with ReLU, block without]}. */
    public Residual residual(String name, int channels) {
        return new Residual(Sequential.of(name,
                convBlock(name + ".block.0", channels, channels, 1, false, true, true),
                convBlock(name + ".block.1", channels, channels, 1, false, true, false)));
    }

    /** The Mosaic architecture (3x32x32 in and out) with {@code residualBlocks} residual blocks and random weights. */
    public Sequential mosaicShaped(String name, int residualBlocks) {
        List<Layer> layers = new ArrayList<>();
        layers.add(convBlock("model.0", 3, 8, 1, false, true, true));
        layers.add(convBlock("model.1", 8, 16, 2, false, true, true));
        layers.add(convBlock("model.2", 16, 32, 2, false, true, true));
        for (int i = 0; i < residualBlocks; i++) {
            layers.add(residual("model." + (3 + i), 32));
        }
        int next = 3 + residualBlocks;
        layers.add(convBlock("model." + next, 32, 16, 1, true, true, true));
        layers.add(convBlock("model." + (next + 1), 16, 8, 1, true, true, true));
        layers.add(convBlock("model." + (next + 2), 8, 3, 1, false, false, false));
        return new Sequential(name, layers);
    }
}
