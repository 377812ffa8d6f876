package dev.hestyle.spark.cli;

import dev.hestyle.spi.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Progress as a line on standard error every few seconds and at the end: cluster jobs run in logs, not on terminals. */
final class LineProgress implements ProgressListener {
    private static final long INTERVAL_NANOS = 10_000_000_000L;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long lastLine = start;

    LineProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void onProgress(String phase, long done, long total) {
        long now = System.nanoTime();
        if (now - lastLine >= INTERVAL_NANOS || done >= total) {
            lastLine = now;
            err.printf(Locale.ROOT, "%s: %d/%d (%.0f%%), %.0f s%n", phase, done, total, total == 0 ? 100.0 : 100.0 * done / total,
                    (now - start) / 1e9);
            err.flush();
        }
    }
}
