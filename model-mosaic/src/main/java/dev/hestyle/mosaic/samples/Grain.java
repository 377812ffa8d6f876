package dev.hestyle.mosaic.samples;

/**
 * Adds the fine, slightly colour-varying texture real photos have (sensor noise, surface detail) to a scene,
 * so that smooth drawn areas do not look flatter than a photo to the network.
 */
final class Grain {
    private static final Noise LUMA = new Noise(101);
    private static final Noise CHROMA = new Noise(103);
    private static final double FREQUENCY = 40;
    private static final double LUMA_AMPLITUDE = 0.06;
    private static final double CHROMA_AMPLITUDE = 0.02;

    private Grain() {
    }

    static Scene over(Scene scene) {
        return (u, v, c) -> {
            scene.colour(u, v, c);
            double l = (LUMA.value(u * FREQUENCY, v * FREQUENCY) - 0.5) * LUMA_AMPLITUDE;
            double ch = (CHROMA.value(u * FREQUENCY + 9.1, v * FREQUENCY) - 0.5) * CHROMA_AMPLITUDE;
            c[0] = Paint.clamp01(c[0] + l + ch);
            c[1] = Paint.clamp01(c[1] + l);
            c[2] = Paint.clamp01(c[2] + l - ch);
        };
    }
}
