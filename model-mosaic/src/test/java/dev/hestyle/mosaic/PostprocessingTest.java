package dev.hestyle.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.testing.SharedData;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PostprocessingTest {
    @Test
    void roundsLikeSaveImage() {
        assertEquals(0, Postprocessing.toByte(-0.3));
        assertEquals(0, Postprocessing.toByte(0.49 / 255));
        assertEquals(1, Postprocessing.toByte(0.5 / 255));
        assertEquals(128, Postprocessing.toByte(127.5 / 255));
        assertEquals(255, Postprocessing.toByte(254.5 / 255));
        assertEquals(255, Postprocessing.toByte(1.7));
        assertThrows(HestyleException.class, () -> Postprocessing.toByte(Double.NaN));
    }

    @Test
    void denormaliseInvertsPreprocessing() {
        RgbImage in = ImageFiles.read(SharedData.reference("632.input.png"));
        Tensor x = Preprocessing.toTensor(in, ImageSize.DEFAULT);
        Tensor d = Postprocessing.denormalise(x);
        for (int c = 0; c < 3; c++) {
            assertEquals(in.channel(3, 4, c) / 255.0, d.get(c, 4, 3), 1e-12);
        }
        RgbImage back = Postprocessing.postprocess(x);
        for (int y = 0; y < 32; y++) {
            for (int xx = 0; xx < 32; xx++) {
                assertEquals(in.rgb(xx, y), back.rgb(xx, y));
            }
        }
    }

    @Test
    void refusesBadTensors() {
        HestyleException e = assertThrows(HestyleException.class, () -> Postprocessing.denormalise(Tensor.zeros(new Shape(1, 4, 4))));
        assertTrue(e.getMessage().contains("3-channel"));
        double[] nan = new double[3 * 4];
        nan[5] = Double.NaN;
        assertThrows(HestyleException.class, () -> Postprocessing.denormalise(Tensor.wrap(new Shape(3, 2, 2), nan)));
    }
}
