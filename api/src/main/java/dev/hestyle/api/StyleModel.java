package dev.hestyle.api;

import dev.hestyle.graph.Sequential;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.List;

/** A style-transfer network with its pre- and post-processing. */
public interface StyleModel {

    /** Display name, e.g. {@code "mosaic"}. */
    String name();

    Sequential graph();

    /** The shape the graph takes, e.g. 3x32x32. */
    Shape inputShape();

    /** Image to normalised network input (resizing as needed). */
    Tensor preprocess(RgbImage image);

    /** Network output to an 8-bit image. */
    RgbImage postprocess(Tensor output);

    /** Sample inputs to calibrate activation ranges for polynomial activations. */
    List<Tensor> calibrationInputs();
}
