package dev.hestyle.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.testing.ReferenceFiles;
import dev.hestyle.mosaic.testing.ReferenceForward;
import dev.hestyle.mosaic.testing.SharedData;
import dev.hestyle.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end in the clear with a naive test-only forward pass: preprocessing, the graph built from the checkpoint
 * and postprocessing together reproduce the independently computed reference outputs.
 */
class ReferenceOutputTest {
    private static MosaicModel model;

    @BeforeAll
    static void load() {
        model = MosaicModel.load(SharedData.checkpoint());
    }

    static String[] ids() {
        return SharedData.referenceIds();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void matchesTheReference(String id) {
        Tensor x = model.preprocess(ImageFiles.read(SharedData.reference(id + ".input.png")));
        Tensor y = ReferenceForward.run(model.graph(), x);
        Tensor denorm = model.denormalise(y);
        double err = denorm.maxAbsDiff(ReferenceFiles.outputF32(id));
        // the reference is float32: half an ulp of values up to ~2 is 1.2e-7; allow summation-order differences
        assertTrue(err < 1e-5, "max |difference| to " + id + ".output.f32 = " + err);

        RgbImage expected = ImageFiles.read(SharedData.reference(id + ".output.png"));
        RgbImage actual = model.postprocess(y);
        int differing = 0;
        for (int yy = 0; yy < 32; yy++) {
            for (int xx = 0; xx < 32; xx++) {
                for (int c = 0; c < 3; c++) {
                    int d = Math.abs(expected.channel(xx, yy, c) - actual.channel(xx, yy, c));
                    assertTrue(d <= 1, "pixel differs by " + d);
                    differing += d;
                }
            }
        }
        assertEquals(0, differing, "pixels off by one level in " + id + ".output.png");
    }
}
