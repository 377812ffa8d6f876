package dev.hestyle.cli;

import dev.hestyle.api.RgbImage;
import dev.hestyle.api.StyleModel;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.Backends;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A side-by-side view for judging a run by eye: the input as the network sees it, the clear model's
 * output (the reference), and the backend's decrypted output, each enlarged.
 *
 * @param image the grid
 * @param caption what the panels are, left to right
 */
record CompareGrid(RgbImage image, String caption) {
    /** The side, in pixels, panels are enlarged to by default: 8x for a 32x32 network. */
    static final int PANEL_SIDE = 256;
    private static final String CLEAR = "clear";
    private static final Logger log = LoggerFactory.getLogger(CompareGrid.class);

    /** The enlargement that brings the longer side of {@code size} to about {@value #PANEL_SIDE} pixels, at least 1. */
    static int defaultScale(ImageSize size) {
        return Math.max(1, PANEL_SIDE / Math.max(size.height(), size.width()));
    }

    /**
     * Builds the grid. The clear panel is computed with the clear backend when it is on the class path
     * (reusing {@code output} when the run itself was clear) and left out otherwise.
     */
    static CompareGrid build(StyleModel model, RgbImage input, String backendName, RgbImage output, int scale) {
        List<RgbImage> panels = new ArrayList<>();
        StringJoiner caption = new StringJoiner(" | ");
        // Round-tripping through the model's own pre- and post-processing shows exactly the input it used, at its size.
        panels.add(model.postprocess(model.preprocess(input)));
        caption.add("input as the network sees it");
        RgbImage clear = CLEAR.equals(backendName) ? output : clearOutput(model, input);
        if (clear != null) {
            panels.add(clear);
            caption.add("clear model");
        }
        // Always present, even when it repeats the clear panel, so that every grid has the same layout.
        panels.add(output);
        caption.add("backend " + backendName);
        List<RgbImage> enlarged = new ArrayList<>();
        for (RgbImage p : panels) {
            enlarged.add(ImageFiles.upscaleNearest(p, scale));
        }
        return new CompareGrid(ImageFiles.sideBySide(enlarged), caption.toString());
    }

    private static RgbImage clearOutput(StyleModel model, RgbImage input) {
        for (BackendProvider p : Backends.providers()) {
            if (p.name().equals(CLEAR) && p.availability().available()) {
                // The clear backend computes exact ReLUs in either mode; client-aided needs no calibration images.
                try (StyleTransfer st = StyleTransfer.create(model, p.create(), CompileOptions.defaults().withMode(Mode.CLIENT_AIDED))) {
                    return st.encryptRun(input).image();
                }
            }
        }
        log.warn("the clear backend is not on the class path; the comparison grid has no clear reference panel");
        return null;
    }
}
