package dev.hestyle.mosaic.samples;

import static dev.hestyle.mosaic.samples.Paint.box;
import static dev.hestyle.mosaic.samples.Paint.ellipse;
import static dev.hestyle.mosaic.samples.Paint.fill;
import static dev.hestyle.mosaic.samples.Paint.gradient;
import static dev.hestyle.mosaic.samples.Paint.mix;
import static dev.hestyle.mosaic.samples.Paint.shade;
import static dev.hestyle.mosaic.samples.Paint.smooth;
import static dev.hestyle.mosaic.samples.Paint.triangle;

/** Close-up subjects: still life, face, flower, animal, boat. */
final class Subjects {
    private static final Noise N1 = new Noise(41);
    private static final Noise N2 = new Noise(53);

    private Subjects() {
    }

    /** A red apple on a wooden table against a warm wall. */
    static void apple(double u, double v, double[] c) {
        gradient(c, 0xD8C7A6, 0xA99476, v / 0.65);
        if (v > 0.66) {
            double grain = Math.sin(v * 70 + 8 * N1.fbm(u * 3, v * 12, 3));
            fill(c, 0x8A5A30);
            mix(c, 0x5E3A1C, 0.35 + 0.3 * grain);
        }
        double shadow = ellipse(u, v, 0.54, 0.78, 0.24, 0.05, 0.03);
        shade(c, 1 - 0.35 * shadow);
        double body = ellipse(u, v, 0.5, 0.56, 0.22, 0.21, 0.008);
        if (body > 0) {
            double light = Math.max(0, 1 - Math.hypot(u - 0.42, v - 0.47) / 0.28);
            double[] skin = new double[3];
            fill(skin, 0x7E0E14);
            mix(skin, 0xC8242A, light);
            mix(skin, 0xD9A13B, 0.25 * N2.fbm(u * 25, v * 8, 3) * (v < 0.5 ? 1 : 0.3));
            mix(skin, 0xFFF2E6, 1 - smooth(0.0, 0.04, Math.hypot(u - 0.42, v - 0.46)));
            mix(c, skin, body);
        }
        if (box(u, v, 0.495, 0.29, 0.515, 0.37) > 0) {
            fill(c, 0x4B3119);
        }
        mix(c, 0x4E8A2E, ellipse(u, v, 0.57, 0.32, 0.06, 0.025, 0.005));
    }

    /** A head-and-shoulders portrait on a muted background. */
    static void portrait(double u, double v, double[] c) {
        gradient(c, 0x6E7C8C, 0x4A5563, u);
        mix(c, 0x8A96A3, 0.3 * N1.fbm(u * 4, v * 4, 3));
        mix(c, 0x2F3E5C, ellipse(u, v, 0.5, 1.05, 0.42, 0.3, 0.01));
        mix(c, 0xC99272, box(u, v, 0.43, 0.55, 0.57, 0.8));
        double face = ellipse(u, v, 0.5, 0.43, 0.16, 0.21, 0.006);
        if (face > 0) {
            double[] skin = new double[3];
            fill(skin, 0xE3B08E);
            mix(skin, 0xB07A5C, (u - 0.42) * 2.2);
            mix(skin, 0x2A1A12, ellipse(u, v, 0.44, 0.41, 0.022, 0.012, 0.003));
            mix(skin, 0x2A1A12, ellipse(u, v, 0.56, 0.41, 0.022, 0.012, 0.003));
            mix(skin, 0xA8524C, ellipse(u, v, 0.5, 0.54, 0.045, 0.012, 0.003));
            mix(skin, 0xC78D6E, ellipse(u, v, 0.5, 0.47, 0.015, 0.03, 0.005));
            mix(c, skin, face);
        }
        double hair = ellipse(u, v, 0.5, 0.32, 0.19, 0.16, 0.01) * (v < 0.33 + 0.12 * Math.abs(u - 0.5) ? 1 : 0);
        double[] h = new double[3];
        fill(h, 0x3B2416);
        mix(h, 0x6B4428, 0.5 * N2.fbm(u * 50, v * 8, 3));
        mix(c, h, hair);
    }

    /** A pink flower in front of blurred foliage. */
    static void flower(double u, double v, double[] c) {
        fill(c, 0x4F7F3A);
        mix(c, 0xA6C870, N1.fbm(u * 4, v * 4, 4) * 1.2 - 0.2);
        double dx = u - 0.5;
        double dy = v - 0.48;
        double r = Math.hypot(dx, dy);
        double theta = Math.atan2(dy, dx);
        double petalR = 0.34 * (0.72 + 0.28 * Math.cos(6 * theta));
        if (r < petalR) {
            fill(c, 0xF29BC0);
            mix(c, 0xB8336E, 1 - r / petalR);
            mix(c, 0xFFFFFF, 0.25 * Math.pow(Math.cos(6 * theta), 8));
        }
        if (r < 0.08) {
            fill(c, 0xF2C12E);
            mix(c, 0x9B6A12, 0.6 * N2.fbm(u * 60, v * 60, 2));
        }
    }

    /** An orange tabby cat sitting on grass. */
    static void cat(double u, double v, double[] c) {
        gradient(c, 0x9DBB7C, 0x557D33, v);
        mix(c, 0x3E6326, 0.6 * N1.fbm(u * 30, v * 12, 3) * smooth(0.3, 0.8, v));
        double body = Math.max(ellipse(u, v, 0.5, 0.72, 0.22, 0.22, 0.01), ellipse(u, v, 0.5, 0.4, 0.15, 0.13, 0.008));
        body = Math.max(body, triangle(u, v, 0.39, 0.22, 0.36, 0.47, 0.34));
        body = Math.max(body, triangle(u, v, 0.61, 0.22, 0.53, 0.64, 0.34));
        if (body > 0) {
            double[] fur = new double[3];
            fill(fur, 0xE09448);
            double stripes = 0.5 + 0.5 * Math.sin(u * 60 + 10 * N2.fbm(u * 4, v * 4, 3));
            mix(fur, 0xA85A1E, 0.5 * stripes);
            mix(fur, 0xF5D3A8, ellipse(u, v, 0.5, 0.47, 0.06, 0.05, 0.02));
            mix(fur, 0x2F6B2A, ellipse(u, v, 0.45, 0.38, 0.022, 0.018, 0.004));
            mix(fur, 0x2F6B2A, ellipse(u, v, 0.55, 0.38, 0.022, 0.018, 0.004));
            mix(fur, 0x101010, ellipse(u, v, 0.45, 0.38, 0.007, 0.016, 0.003));
            mix(fur, 0x101010, ellipse(u, v, 0.55, 0.38, 0.007, 0.016, 0.003));
            mix(fur, 0xC46A6A, ellipse(u, v, 0.5, 0.445, 0.012, 0.008, 0.003));
            mix(c, fur, body);
        }
    }

    /** A sailing boat on a choppy sea. */
    static void boat(double u, double v, double[] c) {
        gradient(c, 0x86B6E0, 0xE2EEF6, v / 0.55);
        if (v > 0.55) {
            gradient(c, 0x2C6E96, 0x174463, (v - 0.55) / 0.45);
            mix(c, 0xDCEAF2, smooth(0.6, 0.8, N1.fbm(u * 12, v * 50, 3)) * 0.7);
        }
        if (triangle(u, v, 0.5, 0.16, 0.5, 0.7, 0.6) > 0) {
            fill(c, 0xF4F1E8);
            shade(c, 0.85 + 0.15 * (0.7 - u) / 0.2);
        }
        if (triangle(u, v, 0.48, 0.26, 0.34, 0.48, 0.6) > 0) {
            fill(c, 0xE8E0CC);
        }
        if (box(u, v, 0.485, 0.14, 0.5, 0.62) > 0) {
            fill(c, 0x5A4030);
        }
        double hull = 0.62;
        if (v >= hull && v < 0.7 && u > 0.28 + (v - hull) * 1.5 && u < 0.76 - (v - hull) * 1.5) {
            fill(c, 0xB0302A);
            if (v < hull + 0.015) {
                fill(c, 0xF0F0F0);
            }
        }
    }
}
