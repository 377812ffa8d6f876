package dev.hestyle.cli;

import java.util.Locale;

/** Formats sizes and durations for people. */
final class Units {
    private Units() {
    }

    /** Bytes in binary units, e.g. {@code 1.5 MiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Seconds with two decimals, e.g. {@code 0.25 s}. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    /** A PSNR in dB with two decimals; 999 stands for identical images. */
    static String psnr(Double db) {
        return db == null ? "n/a" : String.format(Locale.ROOT, "%.2f", db);
    }
}
