package dev.hestyle.mosaic.samples;

/** Colour mixing and simple shapes for scenes; colours are {@code 0xRRGGBB}, channels 0..1. */
final class Paint {
    private Paint() {
    }

    static void fill(double[] c, int hex) {
        c[0] = ((hex >> 16) & 0xFF) / 255.0;
        c[1] = ((hex >> 8) & 0xFF) / 255.0;
        c[2] = (hex & 0xFF) / 255.0;
    }

    /** Blends {@code hex} over {@code c} with opacity {@code t} (clamped to 0..1). */
    static void mix(double[] c, int hex, double t) {
        double a = clamp01(t);
        c[0] += (((hex >> 16) & 0xFF) / 255.0 - c[0]) * a;
        c[1] += (((hex >> 8) & 0xFF) / 255.0 - c[1]) * a;
        c[2] += ((hex & 0xFF) / 255.0 - c[2]) * a;
    }

    /** Blends colour {@code o} over {@code c} with opacity {@code t}. */
    static void mix(double[] c, double[] o, double t) {
        double a = clamp01(t);
        for (int i = 0; i < 3; i++) {
            c[i] += (o[i] - c[i]) * a;
        }
    }

    /** Vertical gradient between two colours, {@code t} from 0 ({@code top}) to 1 ({@code bottom}). */
    static void gradient(double[] c, int top, int bottom, double t) {
        fill(c, top);
        mix(c, bottom, t);
    }

    /** Multiplies brightness by {@code f}. */
    static void shade(double[] c, double f) {
        c[0] *= f;
        c[1] *= f;
        c[2] *= f;
    }

    static double clamp01(double x) {
        return x < 0 ? 0 : x > 1 ? 1 : x;
    }

    /** Smooth step from 0 at {@code e0} to 1 at {@code e1}. */
    static double smooth(double e0, double e1, double x) {
        double t = clamp01((x - e0) / (e1 - e0));
        return t * t * (3 - 2 * t);
    }

    /** 1 inside an ellipse centred at (cx, cy) with radii (rx, ry), 0 outside, softened over {@code soft}. */
    static double ellipse(double u, double v, double cx, double cy, double rx, double ry, double soft) {
        double du = (u - cx) / rx;
        double dv = (v - cy) / ry;
        double d = Math.sqrt(du * du + dv * dv) - 1;
        return 1 - smooth(-soft, soft, d * Math.min(rx, ry));
    }

    /** 1 inside the axis-aligned box, 0 outside. */
    static double box(double u, double v, double left, double top, double right, double bottom) {
        return u >= left && u < right && v >= top && v < bottom ? 1 : 0;
    }

    /** 1 inside the triangle with apex (ax, ay) and a horizontal base from (left, base) to (right, base). */
    static double triangle(double u, double v, double ax, double ay, double left, double right, double base) {
        if (v < ay || v >= base) {
            return 0;
        }
        double t = (v - ay) / (base - ay);
        return u >= ax + (left - ax) * t && u < ax + (right - ax) * t ? 1 : 0;
    }
}
