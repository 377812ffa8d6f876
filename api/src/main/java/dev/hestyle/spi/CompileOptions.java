package dev.hestyle.spi;

import dev.hestyle.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * What a backend needs to plan a graph.
 *
 * @param mode activation strategy
 * @param reluDepth multiplicative depth per polynomial ReLU in {@link Mode#NON_INTERACTIVE} (2..7): the least; a planner
 *                  may make single ReLUs deeper where levels are left over
 * @param security parameter security target
 * @param calibration sample inputs used to measure activation ranges (may be empty for backends that do not need them)
 * @param progress receives progress of long planning and evaluation work
 * @param batch images per ciphertext (a power of two, 1 by default): a batched plan packs that many images into the
 *              slots of each ciphertext, so one evaluation serves them all (see {@link Client#encryptBatch}). Only a
 *              non-interactive plan whose tensors leave room in the engine's ciphertexts accepts more than one.
 */
public record CompileOptions(Mode mode, int reluDepth, Security security, List<Tensor> calibration, ProgressListener progress,
                             int batch) {
    public static final int DEFAULT_RELU_DEPTH = 5;

    public CompileOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(security, "security");
        if (reluDepth < 2 || reluDepth > 7) {
            throw new IllegalArgumentException("reluDepth must be in 2..7, got " + reluDepth);
        }
        if (batch < 1 || Integer.bitCount(batch) != 1) {
            throw new IllegalArgumentException("batch must be a power of two, got " + batch);
        }
        calibration = List.copyOf(calibration);
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** Options for one image per ciphertext. */
    public CompileOptions(Mode mode, int reluDepth, Security security, List<Tensor> calibration, ProgressListener progress) {
        this(mode, reluDepth, security, calibration, progress, 1);
    }

    /** Non-interactive, depth {@value #DEFAULT_RELU_DEPTH}, 128-bit, no calibration data, no progress. */
    public static CompileOptions defaults() {
        return new CompileOptions(Mode.NON_INTERACTIVE, DEFAULT_RELU_DEPTH, Security.BITS_128, List.of(), ProgressListener.NONE);
    }

    public CompileOptions withMode(Mode m) {
        return new CompileOptions(m, reluDepth, security, calibration, progress, batch);
    }

    public CompileOptions withReluDepth(int d) {
        return new CompileOptions(mode, d, security, calibration, progress, batch);
    }

    public CompileOptions withSecurity(Security s) {
        return new CompileOptions(mode, reluDepth, s, calibration, progress, batch);
    }

    public CompileOptions withCalibration(List<Tensor> c) {
        return new CompileOptions(mode, reluDepth, security, c, progress, batch);
    }

    public CompileOptions withProgress(ProgressListener p) {
        return new CompileOptions(mode, reluDepth, security, calibration, p, batch);
    }

    public CompileOptions withBatch(int b) {
        return new CompileOptions(mode, reluDepth, security, calibration, progress, b);
    }
}
