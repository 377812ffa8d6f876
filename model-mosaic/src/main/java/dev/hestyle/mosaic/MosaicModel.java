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

/**
 * The Mosaic style network (or any other checkpoint of the same TransformerNet architecture) as a
 * {@link StyleModel}: the graph built from the checkpoint, 32x32 input, ImageNet normalisation.
 *
 * <pre>{@code
 * MosaicModel model = MosaicModel.load(new CheckpointResolver().resolve());
 * Tensor x = model.preprocess(ImageFiles.read(Path.of("cat.jpg")));
 * }</pre>
 */
public final class MosaicModel implements StyleModel {
    /** The input the network is run on: RGB, 32x32. */
    public static final Shape INPUT_SHAPE = new Shape(3, 32, 32);

    private final String name;
    private final Sequential graph;
    private volatile List<Tensor> calibration;

    private MosaicModel(String name, Sequential graph) {
        this.name = name;
        this.graph = graph;
    }

    /**
     * Reads a checkpoint file (restricted unpickler, nothing executed) and builds its graph. The model is named
     * after the file, up to its first {@code '-'} or {@code '.'}, lower-cased: {@code Mosaic-last_checkpoint.pth}
     * gives {@code "mosaic"}.
     */
    public static MosaicModel load(Path checkpoint) {
        return fromStateDict(CheckpointReader.read(checkpoint), nameOf(checkpoint));
    }

    /** Builds the graph from an already read state dict. */
    public static MosaicModel fromStateDict(StateDict stateDict, String name) {
        return new MosaicModel(name, TransformerNet.build(stateDict, name));
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

    @Override
    public Shape inputShape() {
        return INPUT_SHAPE;
    }

    /** See {@link Preprocessing#toTensor}: resized to 32x32, scaled to 0..1, normalised. */
    @Override
    public Tensor preprocess(RgbImage image) {
        return Preprocessing.toTensor(image, INPUT_SHAPE.width());
    }

    /** See {@link Postprocessing#postprocess}. */
    @Override
    public RgbImage postprocess(Tensor output) {
        return Postprocessing.postprocess(output);
    }

    /** The output on the 0..1 scale before rounding, see {@link Postprocessing#denormalise}. */
    public Tensor denormalise(Tensor output) {
        return Postprocessing.denormalise(output);
    }

    /** The preprocessed {@link SampleImages#all32()}: mostly natural-looking scenes, a few hard patterns. */
    @Override
    public List<Tensor> calibrationInputs() {
        List<Tensor> c = calibration;
        if (c == null) {
            c = SampleImages.all32().stream().map(this::preprocess).toList();
            calibration = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return "MosaicModel[" + name + ", " + graph.reluCount() + " ReLUs]";
    }
}
