package dev.hestyle.mosaic;

import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.image.Resize;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;

/**
 * Image to network input: resize to the input size ({@link Resize}: exact area averaging when shrinking,
 * bilinear when enlarging, stretched if the aspect ratio differs), scale to 0..1, then normalise each channel
 * with {@link Normalization}. An image already of the input size keeps its exact pixel values.
 */
public final class Preprocessing {
    private Preprocessing() {
    }

    /** The normalised 3 x height x width tensor of {@code image} at {@code size}. */
    public static Tensor toTensor(RgbImage image, ImageSize size) {
        double[][] planes = Resize.planes(image, size.width(), size.height());
        int n = size.height() * size.width();
        double[] data = new double[3 * n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                data[c * n + i] = Normalization.normalise(c, planes[c][i] / 255.0);
            }
        }
        return Tensor.wrap(new Shape(3, size.height(), size.width()), data);
    }
}
