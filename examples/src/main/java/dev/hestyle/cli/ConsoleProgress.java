package dev.hestyle.cli;

import dev.hestyle.spi.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows long work as it happens. On a terminal: one progress bar per phase, redrawn in place. Otherwise
 * (pipes, files, CI logs, where carriage returns make a mess): for a phase that runs longer than
 * {@value #LOG_INTERVAL_SECONDS} seconds, a log line every {@value #LOG_INTERVAL_SECONDS} seconds and one
 * when it completes.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    static final int LOG_INTERVAL_SECONDS = 10;
    private static final long LOG_INTERVAL_NANOS = LOG_INTERVAL_SECONDS * 1_000_000_000L;
    private static final int BAR_WIDTH = 30;
    private static final Logger log = LoggerFactory.getLogger(ConsoleProgress.class);

    private final PrintWriter terminal;
    private String phase;
    private long phaseStart;
    private long lastLog;
    private int shownPercent;
    private boolean lineOpen;
    private boolean phaseDone;

    private ConsoleProgress(PrintWriter terminal) {
        this.terminal = terminal;
    }

    /** Bars on {@code err} when the process has a terminal, log lines otherwise. */
    static ConsoleProgress forConsole(PrintWriter err) {
        return new ConsoleProgress(System.console() != null ? err : null);
    }

    /** Always bars on {@code out}, terminal or not. */
    static ConsoleProgress bars(PrintWriter out) {
        return new ConsoleProgress(out);
    }

    @Override
    public synchronized void onProgress(String phase, long done, long total) {
        long now = System.nanoTime();
        if (!phase.equals(this.phase)) {
            endLine();
            this.phase = phase;
            phaseStart = now;
            lastLog = Long.MIN_VALUE;
            shownPercent = -1;
            phaseDone = false;
        }
        if (phaseDone) {
            return;
        }
        boolean complete = total > 0 && done >= total;
        int percent = total > 0 ? (int) Math.min(100, 100 * done / total) : 0;
        double elapsed = (now - phaseStart) / 1e9;
        if (terminal != null) {
            if (percent != shownPercent || complete) {
                shownPercent = percent;
                drawBar(phase, done, total, percent, elapsed);
            }
        } else if (now - (lastLog == Long.MIN_VALUE ? phaseStart : lastLog) >= LOG_INTERVAL_NANOS
                || complete && lastLog != Long.MIN_VALUE) {
            // Quick phases stay silent; a long one logs every interval and then its completion.
            lastLog = now;
            log.info("{}: {}/{} ({}%) after {}", phase, done, total, percent, Units.seconds(elapsed));
        }
        if (complete) {
            phaseDone = true;
            endLine();
        }
    }

    private void drawBar(String label, long done, long total, int percent, double elapsed) {
        int filled = percent * BAR_WIDTH / 100;
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        terminal.print(String.format(Locale.ROOT, "\r%-10s [%s] %3d%% %d/%d %6.1f s", label, bar, percent, done, total, elapsed));
        terminal.flush();
        lineOpen = true;
    }

    private void endLine() {
        if (lineOpen) {
            terminal.println();
            terminal.flush();
            lineOpen = false;
        }
    }

    /**
     * Ends an unfinished bar so that the next output starts on its own line; the next report starts a
     * new bar even for the same phase (e.g. the next image's evaluation).
     */
    @Override
    public synchronized void close() {
        endLine();
        phase = null;
    }
}
