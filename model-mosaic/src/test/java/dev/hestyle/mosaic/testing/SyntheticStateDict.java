package dev.hestyle.mosaic.testing;

import dev.hestyle.mosaic.checkpoint.FloatArray;
import dev.hestyle.mosaic.checkpoint.LongArray;
import dev.hestyle.mosaic.checkpoint.StateDict;
import java.util.SplittableRandom;

/** State dicts of the TransformerNet architecture with other sizes, filled with seeded random weights. */
public final class SyntheticStateDict {
    private SyntheticStateDict() {
    }

    /**
     * @param down the channels after model.0, model.1, model.2
     * @param residuals number of residual blocks
     * @param kernel the (odd) kernel size of every convolution
     */
    public static StateDict create(int[] down, int residuals, int kernel, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StateDict.Builder b = StateDict.builder();
        int in = 3;
        int i = 0;
        for (int c : down) {
            block(b, rnd, "model." + i++, in, c, kernel, true);
            in = c;
        }
        for (int r = 0; r < residuals; r++) {
            block(b, rnd, "model." + i + ".block.0", in, in, kernel, true);
            block(b, rnd, "model." + i++ + ".block.1", in, in, kernel, true);
        }
        block(b, rnd, "model." + i++, in, down[1], kernel, true);
        block(b, rnd, "model." + i++, down[1], down[0], kernel, true);
        block(b, rnd, "model." + i, down[0], 3, kernel, false);
        return b.build();
    }

    private static void block(StateDict.Builder b, SplittableRandom rnd, String prefix, int in, int out, int k, boolean norm) {
        b.put(prefix + ".block.1.weight", random(rnd, new int[] {out, in, k, k}, -0.3, 0.3));
        b.put(prefix + ".block.1.bias", random(rnd, new int[] {out}, -0.1, 0.1));
        if (norm) {
            b.put(prefix + ".norm.weight", random(rnd, new int[] {out}, 0.5, 1.5));
            b.put(prefix + ".norm.bias", random(rnd, new int[] {out}, -0.2, 0.2));
            b.put(prefix + ".norm.running_mean", random(rnd, new int[] {out}, -0.2, 0.2));
            b.put(prefix + ".norm.running_var", random(rnd, new int[] {out}, 0.5, 2));
            b.put(prefix + ".norm.num_batches_tracked", new LongArray(new int[0], new long[] {1}));
        }
    }

    private static FloatArray random(SplittableRandom rnd, int[] shape, double lo, double hi) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextDouble(lo, hi);
        }
        return new FloatArray(shape, v);
    }
}
