package dev.hestyle.mosaic;

import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Relu;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.mosaic.checkpoint.CheckpointException;
import dev.hestyle.mosaic.checkpoint.StateDict;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the layer graph of the small fast-style-transfer TransformerNet from its state dict:
 * <pre>
 * model.0      ConvBlock(3 -> c0, stride 1)
 * model.1      ConvBlock(c0 -> c1, stride 2)
 * model.2      ConvBlock(c1 -> c2, stride 2)
 * model.3..    Residual: x + ConvBlock(c2 -> c2) -> ConvBlock(c2 -> c2, no ReLU)   (as many as the file holds)
 * next two     ConvBlock(upsample x2 first, stride 1)
 * last         ConvBlock(-> 3, stride 1, no norm, no ReLU)
 * ConvBlock  = [Upsample2d(2)] -> ConstantPad2d(k / 2, 0) -> Conv2d(k, stride) -> BatchNorm2d(eps 1e-5) -> ReLU
 * </pre>
 * Channel counts and kernel sizes come from the weight shapes, so any checkpoint of this architecture loads
 * (the Mosaic one has c0 = 8, c1 = 16, c2 = 32, k = 3 and five residual blocks). Strides and upsampling are
 * fixed by the architecture. A missing, mis-shaped or unexpected entry is an error naming the key.
 */
public final class TransformerNet {
    /** Batch norm epsilon of {@code torch.nn.BatchNorm2d}'s default. */
    public static final double BN_EPS = 1e-5;
    private static final Logger log = LoggerFactory.getLogger(TransformerNet.class);
    private static final int[] DOWN_STRIDES = {1, 2, 2};

    private TransformerNet() {
    }

    /** The graph of the network in {@code sd}, named {@code name}. */
    public static Sequential build(StateDict sd, String name) {
        BlockReader r = new BlockReader(sd);
        List<Layer> layers = new ArrayList<>();
        int channels = 3;
        int i = 0;
        for (int stride : DOWN_STRIDES) {
            Sequential block = convBlock(r, "model." + i++, channels, BlockReader.ANY, stride, Kind.PLAIN);
            channels = outChannels(block);
            layers.add(block);
        }
        int residuals = 0;
        while (r.hasConv("model." + i + ".block.0")) {
            layers.add(residual(r, "model." + i++, channels));
            residuals++;
        }
        for (int up = 0; up < 2; up++) {
            Sequential block = convBlock(r, "model." + i++, channels, BlockReader.ANY, 1, Kind.UP);
            channels = outChannels(block);
            layers.add(block);
        }
        layers.add(convBlock(r, "model." + i, channels, 3, 1, Kind.HEAD));
        if (!r.unused().isEmpty()) {
            throw new CheckpointException("state dict entries not part of the TransformerNet architecture: " + r.unused()
                    + " (read " + residuals + " residual blocks and " + (i + 1) + " top-level blocks)");
        }
        log.debug("built TransformerNet '{}' with {} residual blocks", name, residuals);
        return new Sequential(name, layers);
    }

    /** How a ConvBlock is configured. */
    private enum Kind {
        /** pad, conv, norm, ReLU */
        PLAIN(false, true, true),
        /** upsample, pad, conv, norm, ReLU */
        UP(true, true, true),
        /** the second half of a residual body: pad, conv, norm */
        NO_RELU(false, true, false),
        /** the output layer: pad, conv */
        HEAD(false, false, false);

        final boolean upsample;
        final boolean norm;
        final boolean relu;

        Kind(boolean upsample, boolean norm, boolean relu) {
            this.upsample = upsample;
            this.norm = norm;
            this.relu = relu;
        }
    }

    /** x + [ConvBlock, ConvBlock without ReLU], both keeping the channel count. */
    private static Residual residual(BlockReader r, String prefix, int channels) {
        Sequential first = convBlock(r, prefix + ".block.0", channels, channels, 1, Kind.PLAIN);
        Sequential second = convBlock(r, prefix + ".block.1", channels, channels, 1, Kind.NO_RELU);
        return new Residual(new Sequential(prefix, List.of(first, second)));
    }

    /** One ConvBlock: [upsample] -> pad -> conv -> [norm] -> [ReLU]. */
    private static Sequential convBlock(BlockReader r, String prefix, int in, int out, int stride, Kind kind) {
        List<Layer> layers = new ArrayList<>();
        if (kind.upsample) {
            layers.add(new Upsample2d(2));
        }
        Conv2d conv = r.conv(prefix, in, out, stride);
        layers.add(new ConstantPad2d(conv.kernel() / 2, 0));
        layers.add(conv);
        if (kind.norm) {
            layers.add(r.norm(prefix, conv.outChannels()));
        }
        if (kind.relu) {
            layers.add(new Relu());
        }
        return new Sequential(prefix, layers);
    }

    private static int outChannels(Sequential block) {
        for (Layer l : block.layers()) {
            if (l instanceof Conv2d c) {
                return c.outChannels();
            }
        }
        throw new IllegalStateException("block " + block.name() + " has no convolution");
    }
}
