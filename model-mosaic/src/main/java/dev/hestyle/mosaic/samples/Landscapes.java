package dev.hestyle.mosaic.samples;

import static dev.hestyle.mosaic.samples.Paint.ellipse;
import static dev.hestyle.mosaic.samples.Paint.fill;
import static dev.hestyle.mosaic.samples.Paint.gradient;
import static dev.hestyle.mosaic.samples.Paint.mix;
import static dev.hestyle.mosaic.samples.Paint.shade;
import static dev.hestyle.mosaic.samples.Paint.smooth;
import static dev.hestyle.mosaic.samples.Paint.box;
import static dev.hestyle.mosaic.samples.Paint.triangle;

/** Outdoor scenes: sky gradients, sun, hills, water, mountains, dunes, snow. */
final class Landscapes {
    private static final Noise N1 = new Noise(11);
    private static final Noise N2 = new Noise(23);
    private static final Noise N3 = new Noise(37);

    private Landscapes() {
    }

    /** Sky, sun, two rows of hills, a house and a tree: the demo picture. */
    static void landscape(double u, double v, double[] c) {
        gradient(c, 0x3A78C8, 0xCFE6F2, v / 0.6);
        double sunD = Math.hypot(u - 0.78, v - 0.17);
        mix(c, 0xFFF6D0, 0.55 * Math.exp(-sunD * sunD / 0.012));
        mix(c, 0xFFF3B0, 1 - smooth(0.065, 0.075, sunD));
        double far = 0.52 + 0.05 * Math.sin(6 * u + 1) + 0.04 * (N1.fbm(u * 6, 0, 3) - 0.5);
        if (v > far) {
            fill(c, 0x6F9C63);
            mix(c, 0x8DB27A, N2.fbm(u * 10, v * 10, 3) - 0.2);
        }
        double near = 0.66 + 0.05 * Math.sin(4 * u + 2.5);
        if (v > near) {
            fill(c, 0x4A8A32);
            mix(c, 0x2F5E22, 0.8 * (N1.fbm(u * 24, v * 24, 4) - 0.3));
            shade(c, 1.05 - 0.25 * (v - near));
        }
        house(u, v, c);
        tree(u, v, c, 0.72, 0.62, 0.10);
    }

    private static void house(double u, double v, double[] c) {
        if (box(u, v, 0.16, 0.52, 0.40, 0.70) > 0) {
            fill(c, u < 0.28 ? 0xE2D2AC : 0xC5B38E);
            if (box(u, v, 0.25, 0.60, 0.31, 0.70) > 0) {
                fill(c, 0x5B3B22);
            }
            if (box(u, v, 0.18, 0.56, 0.23, 0.61) > 0 || box(u, v, 0.33, 0.56, 0.38, 0.61) > 0) {
                fill(c, 0x9CC7E2);
            }
        }
        if (triangle(u, v, 0.28, 0.40, 0.13, 0.43, 0.525) > 0) {
            fill(c, 0xA33B28);
            shade(c, 0.85 + 0.3 * (u - 0.13));
        }
    }

    static void tree(double u, double v, double[] c, double x, double groundY, double size) {
        if (box(u, v, x - size * 0.12, groundY - size * 1.4, x + size * 0.12, groundY) > 0) {
            fill(c, 0x6A4727);
        }
        double crown = ellipse(u, v, x, groundY - size * 1.6, size, size * 1.1, 0.01);
        if (crown > 0) {
            double t = N3.fbm(u * 30, v * 30, 3);
            double[] leaf = new double[3];
            fill(leaf, 0x2E6B28);
            mix(leaf, 0x5C9A3A, t - 0.25 + 0.6 * (x - u));
            mix(c, leaf, crown);
        }
    }

    /** Orange and violet sky over dark water, with the sun's reflection. */
    static void sunset(double u, double v, double[] c) {
        double horizon = 0.62;
        if (v < horizon) {
            double t = v / horizon;
            gradient(c, 0x2C1E4F, 0xC8584A, Math.min(1, t * 1.4));
            mix(c, 0xFFC36E, smooth(0.55, 1.0, t));
            double sunD = Math.hypot(u - 0.45, v - horizon + 0.02);
            mix(c, 0xFFE9A8, 1 - smooth(0.09, 0.1, sunD));
            mix(c, 0xFFB25C, 0.5 * Math.exp(-sunD * sunD / 0.02));
            double cloud = N2.fbm(u * 5, v * 14, 4);
            mix(c, 0x6A3C5E, smooth(0.55, 0.75, cloud) * (1 - t) * 0.9);
        } else {
            double t = (v - horizon) / (1 - horizon);
            gradient(c, 0x3B2A48, 0x141A2E, t);
            double ripple = 0.5 + 0.5 * Math.sin(v * 120 + 6 * N1.value(u * 8, v * 30));
            double column = Math.exp(-Math.pow((u - 0.45) / (0.05 + 0.12 * t), 2));
            mix(c, 0xFFB560, column * ripple * 0.85);
        }
        double hill = 0.55 + 0.25 * (u - 0.7) * (u - 0.7) * 4;
        if (u > 0.68 && v > Math.min(hill, 0.62) && v < 0.66) {
            fill(c, 0x1B1424);
        }
    }

    /** Blue sky with clouds, sea with waves, a sandy beach. */
    static void seascape(double u, double v, double[] c) {
        if (v < 0.45) {
            gradient(c, 0x4F96DB, 0xCFE5F7, v / 0.45);
            double cloud = N1.fbm(u * 4, v * 9, 5);
            mix(c, 0xF7F9FC, smooth(0.5, 0.72, cloud));
        } else if (v < 0.45 + 0.03 * Math.sin(u * 9) + 0.3) {
            double t = (v - 0.45) / 0.3;
            gradient(c, 0x1D5F8F, 0x2E93BF, t);
            double wave = N2.fbm(u * 8, v * 40, 3);
            mix(c, 0xE8F4F8, smooth(0.62, 0.8, wave) * (0.4 + t));
        } else {
            fill(c, 0xE3CB98);
            mix(c, 0xC9AE7A, N3.fbm(u * 40, v * 40, 3) - 0.2);
        }
    }

    /** Snowy peaks over a green valley. */
    static void mountains(double u, double v, double[] c) {
        gradient(c, 0x6FA4D9, 0xE4EEF5, v / 0.5);
        double ridge = mountainRidge(u);
        if (v > ridge) {
            double rock = N1.fbm(u * 18, v * 18, 4);
            fill(c, 0x7B7168);
            mix(c, 0x54504C, rock - 0.2);
            double snowLine = ridge + 0.08 + 0.05 * N2.value(u * 12, 0);
            if (v < snowLine) {
                fill(c, 0xF2F5F8);
                mix(c, 0xB9C6D6, smooth(0.45, 0.8, rock) + (u % 0.2 > 0.1 ? 0.2 : 0));
            }
        }
        double valley = 0.72 + 0.04 * Math.sin(u * 7);
        if (v > valley) {
            fill(c, 0x5D8C3E);
            mix(c, 0x3F6A2C, N3.fbm(u * 20, v * 20, 3) - 0.25);
        }
    }

    static double mountainRidge(double u) {
        double a = 0.28 + 0.5 * Math.abs(u - 0.32);
        double b = 0.36 + 0.6 * Math.abs(u - 0.74);
        return Math.min(a, b) + 0.03 * (N3.fbm(u * 10, 3, 3) - 0.5);
    }

    /** Mountains mirrored in a calm lake. */
    static void lake(double u, double v, double[] c) {
        double shore = 0.6;
        if (v < shore) {
            mountains(u, v * 0.62 / shore + 0.1, c);
            return;
        }
        double mirrored = shore - (v - shore) * 1.2;
        double wobble = 0.006 * Math.sin(v * 160 + 4 * N1.value(u * 6, v * 20));
        mountains(u + wobble, mirrored * 0.62 / shore + 0.1, c);
        shade(c, 0.72);
        mix(c, 0x1E4F73, 0.35);
    }

    /** Dunes under a hazy sky. */
    static void desert(double u, double v, double[] c) {
        gradient(c, 0x7DB3E0, 0xF1E1C2, v / 0.45);
        double[] crest = {0.45, 0.58, 0.74};
        int[] light = {0xE9C48A, 0xDDAA65, 0xCF9650};
        int[] dark = {0xC79A62, 0xB8844A, 0xA7723A};
        for (int k = 0; k < crest.length; k++) {
            double ridge = crest[k] + 0.06 * Math.sin(u * (4 + k) + k * 2.1);
            if (v > ridge) {
                double slope = Math.cos(u * (4 + k) + k * 2.1);
                fill(c, slope > 0 ? light[k] : dark[k]);
                mix(c, dark[k], 0.25 * N1.fbm(u * 30, v * 60, 3) + 0.2 * Math.max(0, Math.sin(u * 90 + v * 40 + 6 * N2.value(u * 5, v * 5))));
            }
        }
    }

    /** Overcast sky, snowfield with blue shadows, dark pines. */
    static void snow(double u, double v, double[] c) {
        gradient(c, 0xAEB8C4, 0xDCE1E6, v / 0.5);
        double ground = 0.55 + 0.04 * Math.sin(u * 5 + 1);
        if (v > ground) {
            fill(c, 0xF3F6F9);
            mix(c, 0xB4C3D6, 0.6 * smooth(0.45, 0.75, N2.fbm(u * 2.5, v * 16, 4)) + 0.25 * (v - ground));
        }
        double[] xs = {0.15, 0.3, 0.62, 0.85};
        double[] hs = {0.35, 0.25, 0.4, 0.3};
        for (int k = 0; k < xs.length; k++) {
            double base = 0.58 + 0.04 * Math.sin(xs[k] * 5 + 1);
            if (triangle(u, v, xs[k], base - hs[k], xs[k] - 0.08, xs[k] + 0.08, base) > 0) {
                fill(c, 0x1E3B2C);
                mix(c, 0xE8EEF3, smooth(0.6, 0.75, N1.fbm(u * 40, v * 40, 2)));
            }
        }
    }

    /** A sky full of soft clouds. */
    static void clouds(double u, double v, double[] c) {
        gradient(c, 0x3C7CC4, 0x9CC4E8, v);
        double cloud = N3.fbm(u * 3 + 2, v * 4, 6);
        mix(c, 0xFAFBFD, smooth(0.42, 0.68, cloud));
        mix(c, 0x9AA6B4, smooth(0.6, 0.8, cloud) * 0.5 * v);
    }
}
