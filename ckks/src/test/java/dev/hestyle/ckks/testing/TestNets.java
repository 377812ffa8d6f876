package dev.hestyle.ckks.testing;

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

/** Graphs with random weights for tests, shaped like the style-transfer network or smaller. */
public final class TestNets {
    private TestNets() {
    }

    public static Conv2d conv(Random r, int in, int out, int k, int stride) {
        double[] w = new double[out * in * k * k];
        double std = 1.0 / Math.sqrt(in * k * k);
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian() * std;
        }
        double[] b = new double[out];
        for (int i = 0; i < out; i++) {
            b[i] = 0.1 * r.nextGaussian();
        }
        return new Conv2d(in, out, k, stride, w, b);
    }

    public static BatchNorm2d norm(Random r, int c) {
        double[] gamma = new double[c];
        double[] beta = new double[c];
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int i = 0; i < c; i++) {
            gamma[i] = 0.5 + r.nextDouble();
            beta[i] = 0.2 * r.nextGaussian();
            mean[i] = 0.2 * r.nextGaussian();
            var[i] = 0.5 + r.nextDouble();
        }
        return new BatchNorm2d(c, gamma, beta, mean, var, 1e-5);
    }

    /** [Upsample2d(2)] → ConstantPad2d(1) → Conv2d(3, stride) → [BatchNorm2d] → [ReLU]. */
    public static Sequential block(Random r, String name, boolean up, int in, int out, int stride, boolean bn, boolean relu) {
        List<Layer> l = new ArrayList<>();
        if (up) {
            l.add(new Upsample2d(2));
        }
        l.add(new ConstantPad2d(1, 0));
        l.add(conv(r, in, out, 3, stride));
        if (bn) {
            l.add(norm(r, out));
        }
        if (relu) {
            l.add(new Relu());
        }
        return new Sequential(name, l);
    }

    public static Residual residual(Random r, String name, int c) {
        return new Residual(Sequential.of(name, block(r, name + ".block.0", false, c, c, 1, true, true),
                block(r, name + ".block.1", false, c, c, 1, true, false)));
    }

    /** The Mosaic architecture with random weights: 3→8, 8→16 s2, 16→32 s2, 5 residual 32, up+32→16, up+16→8, 8→3. */
    public static Sequential mosaicShaped(Random r) {
        List<Layer> l = new ArrayList<>();
        l.add(block(r, "model.0", false, 3, 8, 1, true, true));
        l.add(block(r, "model.1", false, 8, 16, 2, true, true));
        l.add(block(r, "model.2", false, 16, 32, 2, true, true));
        for (int i = 3; i <= 7; i++) {
            l.add(residual(r, "model." + i, 32));
        }
        l.add(block(r, "model.8", true, 32, 16, 1, true, true));
        l.add(block(r, "model.9", true, 16, 8, 1, true, true));
        l.add(block(r, "model.10", false, 8, 3, 1, false, false));
        return new Sequential("mosaic-shaped", l);
    }

    /** A small network on 2x8x8 inputs with every kind of step: stride, residual, upsample. */
    public static Sequential small(Random r) {
        return Sequential.of("small",
                block(r, "s.0", false, 2, 4, 1, true, true),
                block(r, "s.1", false, 4, 8, 2, true, true),
                residual(r, "s.2", 8),
                block(r, "s.3", true, 8, 4, 1, true, true),
                block(r, "s.4", false, 4, 2, 1, false, false));
    }

    public static Tensor random(Random r, Shape s, double scale) {
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return Tensor.of(s, v);
    }

    public static List<Tensor> random(Random r, Shape s, double scale, int count) {
        List<Tensor> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.add(random(r, s, scale));
        }
        return l;
    }
}
