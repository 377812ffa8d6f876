package dev.hestyle.mosaic.image;

import dev.hestyle.api.RgbImage;

/** Differences between two 8-bit RGB images of the same size, over all three channels. */
public final class ImageMetrics {
    /** The PSNR reported for identical images, where the true value is infinite. */
    public static final double IDENTICAL_PSNR = 999;

    private ImageMetrics() {
    }

    /** Mean squared difference of the channel values (0..255 scale). */
    public static double mse(RgbImage a, RgbImage b) {
        requireSameSize(a, b);
        long sum = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    int d = a.channel(x, y, c) - b.channel(x, y, c);
                    sum += (long) d * d;
                }
            }
        }
        return (double) sum / (3.0 * a.width() * a.height());
    }

    /** Peak signal-to-noise ratio in dB with peak 255; {@value #IDENTICAL_PSNR} for identical images. */
    public static double psnr(RgbImage a, RgbImage b) {
        double mse = mse(a, b);
        return mse == 0 ? IDENTICAL_PSNR : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Largest difference of any channel value, 0..255. */
    public static int maxAbsDiff(RgbImage a, RgbImage b) {
        requireSameSize(a, b);
        int max = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    max = Math.max(max, Math.abs(a.channel(x, y, c) - b.channel(x, y, c)));
                }
            }
        }
        return max;
    }

    private static void requireSameSize(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
        }
    }
}
