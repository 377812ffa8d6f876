package dev.hestyle.mosaic;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.RgbImage;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;

/**
 * Network output to image: {@code x * std + mean} per channel (back to the 0..1 scale), then 8 bits as
 * {@code floor(v * 255 + 0.5)} clamped to 0..255, the rounding torchvision's {@code save_image} uses.
 */
public final class Postprocessing {
    private Postprocessing() {
    }

    /**
     * The denormalised output on the 0..1 scale, unclamped and unrounded; compare it with a reference
     * {@code <id>.output.f32}.
     */
    public static Tensor denormalise(Tensor output) {
        Shape s = checkRgb(output);
        int n = s.height() * s.width();
        double[] in = output.data();
        double[] out = new double[in.length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                double v = in[c * n + i];
                if (!Double.isFinite(v)) {
                    throw new HestyleException("network output value " + (c * n + i) + " is not finite: " + v);
                }
                out[c * n + i] = Normalization.denormalise(c, v);
            }
        }
        return Tensor.wrap(s, out);
    }

    /** 8-bit image of an already denormalised (0..1 scale) 3-channel tensor. */
    public static RgbImage toImage(Tensor denormalised) {
        Shape s = checkRgb(denormalised);
        int n = s.height() * s.width();
        double[] d = denormalised.data();
        int[] px = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = toByte(d[i]) << 16 | toByte(d[n + i]) << 8 | toByte(d[2 * n + i]);
        }
        return new RgbImage(s.width(), s.height(), px);
    }

    /** {@link #toImage} of {@link #denormalise}: the network output as an image. */
    public static RgbImage postprocess(Tensor output) {
        return toImage(denormalise(output));
    }

    /** {@code floor(v * 255 + 0.5)} clamped to 0..255. */
    public static int toByte(double v) {
        if (Double.isNaN(v)) {
            throw new HestyleException("cannot convert NaN to a pixel value");
        }
        double b = Math.floor(v * 255 + 0.5);
        return (int) Math.max(0, Math.min(255, b));
    }

    private static Shape checkRgb(Tensor t) {
        if (t.shape().channels() != 3) {
            throw new HestyleException("expected a 3-channel RGB tensor, got " + t.shape());
        }
        return t.shape();
    }
}
