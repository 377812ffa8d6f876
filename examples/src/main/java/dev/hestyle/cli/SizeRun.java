package dev.hestyle.cli;

import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.spi.PlanReport;

/**
 * One compilation of a benchmark: the model at one image size, shared by every image of that size.
 *
 * @param size the size compiled for
 * @param imageCount how many images of the run have that size
 * @param compileSeconds seconds spent compiling, {@code null} if compiling failed
 * @param plan the backend's plan, {@code null} if compiling failed
 * @param error why compiling failed, or {@code null}
 */
record SizeRun(ImageSize size, int imageCount, Double compileSeconds, PlanReport plan, String error) {

    static SizeRun compiled(ImageSize size, int imageCount, double compileSeconds, PlanReport plan) {
        return new SizeRun(size, imageCount, compileSeconds, plan, null);
    }

    static SizeRun failed(ImageSize size, int imageCount, String error) {
        return new SizeRun(size, imageCount, null, null, error);
    }

    boolean ok() {
        return error == null;
    }
}
