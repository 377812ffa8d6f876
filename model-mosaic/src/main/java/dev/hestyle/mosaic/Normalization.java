package dev.hestyle.mosaic;

/** The per-channel ImageNet statistics the network was trained with (RGB order, 0..1 scale). */
public final class Normalization {
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    private Normalization() {
    }

    /** Mean of channel {@code c} (0 red, 1 green, 2 blue). */
    public static double mean(int c) {
        return MEAN[c];
    }

    /** Standard deviation of channel {@code c}. */
    public static double std(int c) {
        return STD[c];
    }

    /** {@code (v - mean) / std} for a value {@code v} in 0..1. */
    public static double normalise(int c, double v) {
        return (v - MEAN[c]) / STD[c];
    }

    /** {@code x * std + mean}: back to the 0..1 scale. */
    public static double denormalise(int c, double x) {
        return x * STD[c] + MEAN[c];
    }
}
