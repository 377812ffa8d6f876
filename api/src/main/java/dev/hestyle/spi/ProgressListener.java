package dev.hestyle.spi;

/** Receives progress of long work (planning, key generation, evaluation). Must be cheap and thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (phase, done, total) -> { };

    /**
     * @param phase short label, e.g. {@code "eval"} or {@code "keygen"}
     * @param done units finished so far
     * @param total units in this phase
     */
    void onProgress(String phase, long done, long total);
}
