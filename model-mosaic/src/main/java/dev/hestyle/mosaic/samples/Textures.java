package dev.hestyle.mosaic.samples;

import static dev.hestyle.mosaic.samples.Paint.box;
import static dev.hestyle.mosaic.samples.Paint.fill;
import static dev.hestyle.mosaic.samples.Paint.gradient;
import static dev.hestyle.mosaic.samples.Paint.mix;
import static dev.hestyle.mosaic.samples.Paint.shade;
import static dev.hestyle.mosaic.samples.Paint.smooth;

/** Busier natural scenes: forest, meadow, autumn foliage, a city at dusk. */
final class Textures {
    private static final Noise N1 = new Noise(67);
    private static final Noise N2 = new Noise(79);
    private static final Noise CELLS = new Noise(83);

    private Textures() {
    }

    /** Tree trunks in front of dense green foliage. */
    static void forest(double u, double v, double[] c) {
        fill(c, 0x2C4A22);
        mix(c, 0x7FA85A, smooth(0.45, 0.8, N1.fbm(u * 8, v * 8, 5)));
        mix(c, 0xCDE3A8, 0.5 * smooth(0.75, 0.9, N2.fbm(u * 10, v * 10, 3)) * (1 - v));
        if (v > 0.78) {
            fill(c, 0x4D3A22);
            mix(c, 0x6E7D3A, N2.fbm(u * 25, v * 25, 3));
        }
        double[] xs = {0.08, 0.27, 0.5, 0.66, 0.9};
        double[] ws = {0.05, 0.035, 0.07, 0.03, 0.045};
        for (int k = 0; k < xs.length; k++) {
            double x = xs[k] + 0.01 * Math.sin(v * 9 + k);
            if (Math.abs(u - x) < ws[k] && v < 0.82 + 0.03 * k % 0.05) {
                fill(c, 0x4A3524);
                mix(c, 0x7A6250, (u - x + ws[k]) / (2 * ws[k]) * 0.5 + 0.2 * N1.value(u * 80, v * 20));
            }
        }
    }

    /** Grass with scattered flowers under a strip of sky. */
    static void meadow(double u, double v, double[] c) {
        gradient(c, 0x7DB4E6, 0xD9EBF6, v / 0.3);
        double horizon = 0.28 + 0.02 * Math.sin(u * 8);
        if (v < horizon) {
            return;
        }
        fill(c, 0x6C9E3C);
        mix(c, 0x3C6B22, N1.fbm(u * 40, v * 15, 4) - 0.1);
        shade(c, 0.9 + 0.2 * v);
        double density = 14 + 30 * v;
        int cx = (int) Math.floor(u * density);
        int cy = (int) Math.floor(v * density);
        double px = (cx + 0.2 + 0.6 * CELLS.cell(cx, cy)) / density;
        double py = (cy + 0.2 + 0.6 * CELLS.cell(cy, cx + 7)) / density;
        double pick = CELLS.cell(cx + 3, cy + 11);
        if (pick < 0.45 && Math.hypot(u - px, v - py) < 0.22 / density) {
            int[] colours = {0xE23B3B, 0xF5D33A, 0xF7F7F2, 0x9A5BC7};
            fill(c, colours[(int) (pick / 0.45 * colours.length)]);
        }
    }

    /** Orange and red leaves with patches of sky. */
    static void autumn(double u, double v, double[] c) {
        fill(c, 0x8CB8DE);
        double leaves = N1.fbm(u * 6, v * 6, 5);
        if (leaves > 0.38) {
            double hue = N2.fbm(u * 3, v * 3, 3);
            fill(c, 0xD9702A);
            mix(c, 0xB32A1E, smooth(0.4, 0.6, hue));
            mix(c, 0xF2C23A, smooth(0.55, 0.7, hue) * 0.8);
            shade(c, 0.75 + 0.5 * (leaves - 0.38));
        }
        if (Math.abs(u - 0.35 - 0.03 * Math.sin(v * 6)) < 0.035 + 0.03 * v) {
            fill(c, 0x3E2A1C);
        }
    }

    /** A skyline at dusk with lit windows. */
    static void city(double u, double v, double[] c) {
        gradient(c, 0x1F3357, 0xC77A6A, v / 0.7);
        int columns = 9;
        int b = (int) Math.floor(u * columns);
        double top = 0.25 + 0.35 * CELLS.cell(b, 1);
        if (v > top) {
            fill(c, 0x2B3040);
            mix(c, 0x4A4F63, CELLS.cell(b, 2) * 0.6);
            double local = u * columns - b;
            int wx = (int) Math.floor(local * 5);
            int wy = (int) Math.floor((v - top) * 40);
            boolean window = local * 5 - wx > 0.3 && (v - top) * 40 - wy > 0.35 && local > 0.1 && local < 0.9;
            if (window && CELLS.cell(b * 16 + wx, wy) < 0.45) {
                fill(c, 0xF3CF73);
            }
            if (local < 0.04) {
                shade(c, 0.6);
            }
        }
        if (box(u, v, 0, 0.9, 1, 1) > 0) {
            fill(c, 0x30323A);
            mix(c, 0xE0E0E0, Math.abs(v - 0.95) < 0.006 && (u * 10) % 1 < 0.5 ? 1 : 0);
        }
    }
}
