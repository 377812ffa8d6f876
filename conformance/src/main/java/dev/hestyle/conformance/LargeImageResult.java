package dev.hestyle.conformance;

import dev.hestyle.mosaic.ImageSize;

/**
 * What one large reference image measured end to end on a backend.
 *
 * @param id the image id in {@code reference-large/}
 * @param size the size the network ran at (the input's own)
 * @param psnrDb PSNR of the 8-bit output against {@code <id>.output.png}
 * @param maxDiffToReference largest 8-bit difference from {@code <id>.output.png}
 * @param maxFloatDiff largest difference of the denormalised output from {@code <id>.output.f32}
 * @param maxDiffToClear largest 8-bit difference from the clear oracle's output on the same input
 * @param seconds compile, key generation, encryption, evaluation and decryption together
 */
record LargeImageResult(String id, ImageSize size, double psnrDb, int maxDiffToReference, double maxFloatDiff, int maxDiffToClear,
                        double seconds) {

    @Override
    public String toString() {
        return String.format("%s (%s): PSNR %.2f dB, max 8-bit difference %d from the reference and %d from the clear oracle, "
                + "max float difference %.3g, %.1f s", id, size, psnrDb, maxDiffToReference, maxDiffToClear, maxFloatDiff, seconds);
    }
}
