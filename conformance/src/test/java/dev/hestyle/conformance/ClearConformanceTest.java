package dev.hestyle.conformance;

import dev.hestyle.backend.clear.ClearBackendProvider;
import dev.hestyle.spi.BackendProvider;

/**
 * The clear backend against the kit, non-interactive. It is the oracle itself, so layers must match
 * exactly; end to end, at 32x32 and on the large images, it must reproduce the independently computed
 * reference outputs: every 8-bit value within 1 and every float within 1e-4.
 */
class ClearConformanceTest extends BackendConformanceKit {

    @Override
    protected BackendProvider provider() {
        return new ClearBackendProvider();
    }

    /** Nothing to batch: the kit checks that a batch is refused. */
    @Override
    protected int batch() {
        return 1;
    }

    @Override
    protected double layerTolerance() {
        return 1e-12;
    }

    @Override
    protected double activationTolerance() {
        return 1e-12;
    }

    @Override
    protected double maxEndToEndAbsDiff() {
        return 1;
    }

    @Override
    protected double maxEndToEndFloatDiff() {
        return 1e-4;
    }

    /** Implied by a largest difference of 1: even if every value were off by one, MSE 1 gives 48.13 dB. */
    @Override
    protected double minEndToEndPsnr() {
        return 48.1;
    }

    @Override
    protected double minLargeMeanPsnr() {
        return minEndToEndPsnr();
    }

    /** The backend is the oracle in either mode. */
    @Override
    protected int maxLargeDiffToClear() {
        return 0;
    }
}
