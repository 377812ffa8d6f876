package dev.hestyle.mosaic.samples;

import dev.hestyle.api.RgbImage;

/** Renders a {@link Scene} with 4x4 supersampling per pixel, so edges are anti-aliased like a downscaled photo. */
final class SceneRenderer {
    private static final int SAMPLES = 4;

    private SceneRenderer() {
    }

    static RgbImage render(Scene scene, int width, int height) {
        int[] px = new int[width * height];
        double[] c = new double[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int j = 0; j < SAMPLES; j++) {
                    for (int i = 0; i < SAMPLES; i++) {
                        double u = (x + (i + 0.5) / SAMPLES) / width;
                        double v = (y + (j + 0.5) / SAMPLES) / height;
                        c[0] = 0;
                        c[1] = 0;
                        c[2] = 0;
                        scene.colour(u, v, c);
                        r += c[0];
                        g += c[1];
                        b += c[2];
                    }
                }
                int n = SAMPLES * SAMPLES;
                px[y * width + x] = toByte(r / n) << 16 | toByte(g / n) << 8 | toByte(b / n);
            }
        }
        return new RgbImage(width, height, px);
    }

    private static int toByte(double v) {
        return (int) Math.max(0, Math.min(255, Math.floor(v * 255 + 0.5)));
    }
}
