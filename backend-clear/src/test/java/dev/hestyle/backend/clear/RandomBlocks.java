package dev.hestyle.backend.clear;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Relu;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random Mosaic-style blocks for the tests: [upsample] → pad → conv → BN → [ReLU]. */
final class RandomBlocks {
    private RandomBlocks() {
    }

    static Sequential block(String name, int in, int out, int stride, boolean upsample, boolean relu, Random r) {
        List<Layer> layers = new ArrayList<>();
        if (upsample) {
            layers.add(new Upsample2d(2));
        }
        layers.add(new ConstantPad2d(1, 0));
        layers.add(new Conv2d(in, out, 3, stride, gaussian(r, out * in * 9, Math.sqrt(2.0 / (9 * in))),
                gaussian(r, out, 0.1)));
        double[] var = new double[out];
        for (int i = 0; i < out; i++) {
            var[i] = 0.5 + r.nextDouble();
        }
        layers.add(new BatchNorm2d(out, gaussian(r, out, 0.3), gaussian(r, out, 0.1),
                gaussian(r, out, 0.1), var, 1e-5));
        if (relu) {
            layers.add(new Relu());
        }
        return new Sequential(name, layers);
    }

    static double[] gaussian(Random r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * scale;
        }
        return v;
    }
}
