package dev.hestyle.mosaic;

import dev.hestyle.api.RgbImage;
import dev.hestyle.api.StyleModel;
import dev.hestyle.graph.Sequential;
import dev.hestyle.mosaic.checkpoint.CheckpointReader;
import dev.hestyle.mosaic.checkpoint.StateDict;
import dev.hestyle.mosaic.samples.SampleImages;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Mosaic style network (or any other checkpoint of the same TransformerNet architecture) as a
 * {@link StyleModel}: the graph built from the checkpoint, ImageNet normalisation, and an input size
 * ({@link ImageSize#DEFAULT 32x32} unless given). The network is fully convolutional, so one checkpoint serves
 * every size; each size is its own model to compile, because a backend plans for one input shape.
 *
 * <pre>{@code
 * MosaicModel model = MosaicModel.load(new CheckpointResolver().resolve());
 * MosaicModel large = model.withSize(new ImageSize(96, 128));
 * Tensor x = large.preprocess(ImageFiles.read(Path.of("cat.jpg")));   // 3x96x128
 * }</pre>
 */
public final class MosaicModel implements StyleModel {
    private final String name;
    private final Sequential graph;
    private final ImageSize size;
    private volatile List<Tensor> calibration;

    private MosaicModel(String name, Sequential graph, ImageSize size) {
        this.name = name;
        this.graph = graph;
        this.size = Objects.requireNonNull(size, "size");
    }

    /**
     * Reads a checkpoint file (restricted unpickler, nothing executed) and builds its graph. The model is named
     * after the file, up to its first {@code '-'} or {@code '.'}, lower-cased: {@code Mosaic-last_checkpoint.pth}
     * gives {@code "mosaic"}. The input size is {@link ImageSize#DEFAULT}.
     */
    public static MosaicModel load(Path checkpoint) {
        return fromStateDict(CheckpointReader.read(checkpoint), nameOf(checkpoint));
    }

    /** Builds the graph from an already read state dict, at {@link ImageSize#DEFAULT}. */
    public static MosaicModel fromStateDict(StateDict stateDict, String name) {
        return new MosaicModel(name, TransformerNet.build(stateDict, name), ImageSize.DEFAULT);
    }

    /** The same network at another input size; the graph (weights) is shared, not copied. */
    public MosaicModel withSize(ImageSize newSize) {
        return newSize.equals(size) ? this : new MosaicModel(name, graph, newSize);
    }

    /** The height and width the network runs at. */
    public ImageSize size() {
        return size;
    }

    static String nameOf(Path checkpoint) {
        Path file = checkpoint.getFileName();
        String s = file == null ? "" : file.toString();
        int cut = s.length();
        for (char sep : new char[] {'-', '.'}) {
            int k = s.indexOf(sep);
            if (k >= 0) {
                cut = Math.min(cut, k);
            }
        }
        String n = s.substring(0, cut).toLowerCase(Locale.ROOT);
        return n.isEmpty() ? "style" : n;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Sequential graph() {
        return graph;
    }

    /** RGB at {@link #size()}: 3 x height x width. */
    @Override
    public Shape inputShape() {
        return new Shape(3, size.height(), size.width());
    }

    /** See {@link Preprocessing#toTensor}: resized to {@link #size()}, scaled to 0..1, normalised. */
    @Override
    public Tensor preprocess(RgbImage image) {
        return Preprocessing.toTensor(image, size);
    }

    /**
     * See {@link Postprocessing#postprocess}.
     *
     * @throws ImageSizeException if {@code output} is not of this model's size
     */
    @Override
    public RgbImage postprocess(Tensor output) {
        return Postprocessing.postprocess(checkOutput(output));
    }

    /**
     * The output on the 0..1 scale before rounding, see {@link Postprocessing#denormalise}.
     *
     * @throws ImageSizeException if {@code output} is not of this model's size
     */
    public Tensor denormalise(Tensor output) {
        return Postprocessing.denormalise(checkOutput(output));
    }

    /**
     * {@link SampleImages#all(int, int)} drawn at this model's size and preprocessed: mostly natural-looking
     * scenes, a few hard patterns. Drawn rather than resized, so that their detail per pixel is that of a
     * picture taken at this size.
     */
    @Override
    public List<Tensor> calibrationInputs() {
        List<Tensor> c = calibration;
        if (c == null) {
            c = SampleImages.all(size.width(), size.height()).stream().map(this::preprocess).toList();
            calibration = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return "MosaicModel[" + name + ", " + size + ", " + graph.reluCount() + " ReLUs]";
    }

    // The network maps HxW to HxW; a tensor of another size comes from a model compiled at another size.
    private Tensor checkOutput(Tensor output) {
        Shape s = output.shape();
        if (s.height() != size.height() || s.width() != size.width()) {
            throw new ImageSizeException("network output is " + s.height() + "x" + s.width() + " but this model runs at " + size
                    + "; was it computed by a model of another size?");
        }
        return output;
    }
}
