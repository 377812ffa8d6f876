package dev.hestyle.mosaic.samples;

/**
 * Deterministic value noise from an integer hash (no random generator state, so results never depend on call
 * order): smooth {@link #value}, fractal {@link #fbm} for soft textures, and per-cell {@link #cell} values.
 */
final class Noise {
    private final int seed;

    Noise(int seed) {
        this.seed = seed;
    }

    /** A value in [0, 1) fixed for the integer cell (x, y). */
    double cell(int x, int y) {
        return hash(x, y, seed);
    }

    /** Smoothly interpolated noise in [0, 1], one lattice cell per unit. */
    double value(double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = fade(x - x0);
        double fy = fade(y - y0);
        double a = hash(x0, y0, seed);
        double b = hash(x0 + 1, y0, seed);
        double c = hash(x0, y0 + 1, seed);
        double d = hash(x0 + 1, y0 + 1, seed);
        return lerp(lerp(a, b, fx), lerp(c, d, fx), fy);
    }

    /** Sum of {@code octaves} noise layers, each twice as fine and half as strong; in [0, 1]. */
    double fbm(double x, double y, int octaves) {
        double sum = 0;
        double amp = 0.5;
        double norm = 0;
        for (int o = 0; o < octaves; o++) {
            sum += amp * value(x, y);
            norm += amp;
            x = x * 2 + 17.3;
            y = y * 2 + 5.9;
            amp *= 0.5;
        }
        return sum / norm;
    }

    static double hash(int x, int y, int seed) {
        int h = x * 0x27d4eb2d ^ y * 0x165667b1 ^ seed * 0x61c88647;
        h ^= h >>> 15;
        h *= 0x2c1b3c6d;
        h ^= h >>> 12;
        h *= 0x297a2d39;
        h ^= h >>> 15;
        return (h >>> 8) / (double) (1 << 24);
    }

    private static double fade(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
