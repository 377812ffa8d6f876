package dev.hestyle.mosaic.samples;

import static dev.hestyle.mosaic.samples.Paint.fill;

/**
 * Hard synthetic inputs with extreme local contrast; they drive activations far beyond natural images and so
 * bound the intervals polynomial activations must cover. Cell sizes are fractions of the frame, so at 32x32
 * every cell edge falls on a pixel edge.
 */
final class Patterns {
    private static final Noise PIXELS = new Noise(97);

    private Patterns() {
    }

    /** Black and white squares of 4x4 pixels at 32x32. */
    static void checkerboard(double u, double v, double[] c) {
        fill(c, (((int) (u * 8) + (int) (v * 8)) & 1) == 0 ? 0xFFFFFF : 0x000000);
    }

    /** Vertical black and white stripes, two pixels wide at 32x32. */
    static void stripes(double u, double v, double[] c) {
        fill(c, ((int) (u * 16) & 1) == 0 ? 0xFFFFFF : 0x000000);
    }

    /** Independent uniform noise per pixel (per 1/32 of the frame) and channel. */
    static void noise(double u, double v, double[] c) {
        int x = (int) (u * 32);
        int y = (int) (v * 32);
        for (int ch = 0; ch < 3; ch++) {
            c[ch] = PIXELS.cell(x * 3 + ch, y);
        }
    }

    /** Eight fully saturated vertical colour bars. */
    static void colourBars(double u, double v, double[] c) {
        int[] bars = {0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000};
        fill(c, bars[Math.min(7, (int) (u * 8))]);
    }
}
