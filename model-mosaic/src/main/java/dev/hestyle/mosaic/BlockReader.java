package dev.hestyle.mosaic;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.mosaic.checkpoint.CheckpointException;
import dev.hestyle.mosaic.checkpoint.FloatArray;
import dev.hestyle.mosaic.checkpoint.StateDict;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the convolution and batch norm of one TransformerNet ConvBlock from a state dict, checking every shape
 * and remembering which keys were used so that leftovers can be reported.
 */
final class BlockReader {
    private final StateDict sd;
    private final Set<String> unused;

    BlockReader(StateDict sd) {
        this.sd = sd;
        this.unused = new LinkedHashSet<>(sd.keys());
    }

    /** Whether the block under {@code prefix} has a convolution. */
    boolean hasConv(String prefix) {
        return sd.contains(prefix + ".block.1.weight");
    }

    /** Marks "any number of output channels" for {@link #conv}. */
    static final int ANY = -1;

    /**
     * The convolution {@code <prefix>.block.1} (index 0 of the block is its padding): weight
     * {@code [out, inChannels, k, k]} with an odd {@code k} and {@code out == outChannels} unless that is
     * {@link #ANY}, bias {@code [out]}.
     */
    Conv2d conv(String prefix, int inChannels, int outChannels, int stride) {
        String wKey = prefix + ".block.1.weight";
        FloatArray w = take(wKey);
        int[] s = w.shape();
        boolean outOk = s.length == 4 && (outChannels == ANY ? s[0] >= 1 : s[0] == outChannels);
        if (!outOk || s[1] != inChannels || s[2] != s[3] || s[2] % 2 == 0) {
            String out = outChannels == ANY ? "out" : String.valueOf(outChannels);
            throw new CheckpointException("state dict entry '" + wKey + "' has shape " + Arrays.toString(s)
                    + ", expected [" + out + ", " + inChannels + ", k, k] with an odd kernel size k");
        }
        double[] bias = vector(prefix + ".block.1.bias", s[0]);
        return new Conv2d(inChannels, s[0], s[2], stride, w.toDoubles(), bias);
    }

    /** The batch norm {@code <prefix>.norm} over {@code channels} channels, running statistics, eps 1e-5. */
    BatchNorm2d norm(String prefix, int channels) {
        double[] gamma = vector(prefix + ".norm.weight", channels);
        double[] beta = vector(prefix + ".norm.bias", channels);
        double[] mean = vector(prefix + ".norm.running_mean", channels);
        String varKey = prefix + ".norm.running_var";
        double[] var = vector(varKey, channels);
        for (double v : var) {
            if (!(v >= 0)) {
                throw new CheckpointException("state dict entry '" + varKey + "' holds a negative or NaN variance " + v);
            }
        }
        unused.remove(prefix + ".norm.num_batches_tracked"); // a training counter, not needed for inference
        return new BatchNorm2d(channels, gamma, beta, mean, var, TransformerNet.BN_EPS);
    }

    /** Keys no block has read, in file order. */
    Set<String> unused() {
        return unused;
    }

    private double[] vector(String key, int length) {
        FloatArray a = take(key);
        if (!a.hasShape(length)) {
            throw new CheckpointException("state dict entry '" + key + "' has shape " + Arrays.toString(a.shape())
                    + ", expected [" + length + "]");
        }
        double[] d = a.toDoubles();
        for (double v : d) {
            if (!Double.isFinite(v)) {
                throw new CheckpointException("state dict entry '" + key + "' holds a non-finite value " + v);
            }
        }
        return d;
    }

    private FloatArray take(String key) {
        FloatArray a = sd.floatTensor(key);
        unused.remove(key);
        return a;
    }
}
