package dev.hestyle.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleModel;
import dev.hestyle.mosaic.samples.SampleImages;
import dev.hestyle.mosaic.testing.SharedData;
import dev.hestyle.mosaic.testing.SyntheticStateDict;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MosaicModelTest {
    private static MosaicModel model;

    @BeforeAll
    static void load() {
        model = MosaicModel.load(SharedData.checkpoint());
    }

    @Test
    void describesTheNetwork() {
        StyleModel m = model;
        assertEquals("mosaic", m.name());
        assertEquals(new Shape(3, 32, 32), m.inputShape());
        assertEquals(new Shape(3, 32, 32), m.graph().outputShape(m.inputShape()));
        assertEquals(10, m.graph().reluCount());
    }

    @Test
    void namesModelsAfterTheirFile() {
        assertEquals("mosaic", MosaicModel.nameOf(Path.of("x/Mosaic-last_checkpoint.pth")));
        assertEquals("candy", MosaicModel.nameOf(Path.of("Candy.pth")));
        assertEquals("style", MosaicModel.nameOf(Path.of("-x.pth")));
    }

    @Test
    void calibrationInputsAreTheSampleImagesPreprocessed() {
        List<Tensor> cal = model.calibrationInputs();
        assertEquals(SampleImages.names().size(), cal.size());
        assertTrue(cal.size() >= 16 && cal.size() <= 24, "calibration set size " + cal.size());
        assertSame(cal, model.calibrationInputs());
        List<Tensor> again = MosaicModel.load(SharedData.checkpoint()).calibrationInputs();
        assertEquals(cal, again);
        for (Tensor t : cal) {
            assertEquals(model.inputShape(), t.shape());
        }
        assertEquals(model.preprocess(SampleImages.named("landscape")), cal.get(0));
        assertNotEquals(cal.get(0), cal.get(1));
    }

    @Test
    void runsAtAnySizeOfMultiplesOfFour() {
        MosaicModel large = model.withSize(new ImageSize(96, 128));
        assertSame(model.graph(), large.graph(), "one graph serves every size");
        assertSame(model, model.withSize(ImageSize.DEFAULT));
        assertEquals(ImageSize.DEFAULT, model.size());
        assertEquals(new Shape(3, 96, 128), large.inputShape());
        assertEquals(new Shape(3, 96, 128), large.graph().outputShape(large.inputShape()));
        Tensor x = large.preprocess(SampleImages.named("cat"));
        assertEquals(large.inputShape(), x.shape());
        List<Tensor> cal = large.calibrationInputs();
        assertEquals(SampleImages.names().size(), cal.size());
        for (Tensor t : cal) {
            assertEquals(large.inputShape(), t.shape());
        }
        // drawn at the size, not the 32x32 samples enlarged
        assertEquals(large.preprocess(SampleImages.named("landscape", 128, 96)), cal.get(0));
        assertEquals(96, large.postprocess(x).height());
        assertEquals(128, large.postprocess(x).width());
    }

    @Test
    void outputsOfAnotherSizeAreRefused() {
        Tensor small = model.preprocess(SampleImages.named("cat"));
        MosaicModel large = model.withSize(ImageSize.square(64));
        ImageSizeException e = assertThrows(ImageSizeException.class, () -> large.postprocess(small));
        assertTrue(e.getMessage().contains("32x32") && e.getMessage().contains("64x64"), e.getMessage());
        assertThrows(ImageSizeException.class, () -> large.denormalise(small));
    }

    @Test
    void fromStateDictBuildsOtherSizes() {
        MosaicModel m = MosaicModel.fromStateDict(SyntheticStateDict.create(new int[] {4, 8, 16}, 1, 3, 3), "tiny");
        assertEquals("tiny", m.name());
        assertEquals(6, m.graph().reluCount());
    }
}
