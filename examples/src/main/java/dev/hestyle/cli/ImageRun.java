package dev.hestyle.cli;

import dev.hestyle.api.PhaseTimes;
import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.spi.OpCounts;
import java.util.Map;

/**
 * The measurements of one benchmark image.
 *
 * @param name image id (the file name without {@code .input.png})
 * @param size the size the network ran at (the input's own), {@code null} if the input could not be read
 * @param psnrDb PSNR against the reference output in dB, {@value #IDENTICAL_PSNR} when identical, {@code null} without reference or on error
 * @param maxAbsDiff largest per-channel difference to the reference, 0..255, {@code null} without reference or on error
 * @param times phase seconds, {@code null} on error
 * @param ops server operations, {@code null} on error
 * @param evalKeyBytes serialized evaluation key size
 * @param ciphertextBytes serialized input ciphertext size
 * @param details the backend's evaluation details
 * @param error why the image failed, or {@code null}
 */
record ImageRun(String name, ImageSize size, Double psnrDb, Integer maxAbsDiff, PhaseTimes times, OpCounts ops, long evalKeyBytes,
                long ciphertextBytes, Map<String, Object> details, String error) {
    /** Stands in for an infinite PSNR, which JSON cannot spell. */
    static final double IDENTICAL_PSNR = 999.0;

    static ImageRun failed(String name, ImageSize size, String error) {
        return new ImageRun(name, size, null, null, null, null, 0, 0, Map.of(), error);
    }

    boolean ok() {
        return error == null;
    }

    /** A PSNR as reported: finite values as they are, identical images as {@value #IDENTICAL_PSNR}. */
    static double reported(double psnrDb) {
        return Double.isInfinite(psnrDb) || psnrDb > IDENTICAL_PSNR ? IDENTICAL_PSNR : psnrDb;
    }
}
