package dev.hestyle.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.testing.SharedData;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PreprocessingTest {
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};

    static String[] ids() {
        return SharedData.referenceIds();
    }

    /** Every value against the formula, with pixels decoded independently by the JDK's PNG reader. */
    @ParameterizedTest
    @MethodSource("ids")
    void referenceInputFollowsTheFormula(String id) throws IOException {
        var file = SharedData.reference(id + ".input.png");
        BufferedImage png = ImageIO.read(file.toFile());
        Tensor t = Preprocessing.toTensor(ImageFiles.read(file), ImageSize.DEFAULT);
        assertEquals(new Shape(3, 32, 32), t.shape());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int rgb = png.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    int v = (rgb >> (16 - 8 * c)) & 0xFF;
                    assertEquals((v / 255.0 - MEAN[c]) / STD[c], t.get(c, y, x), 1e-12);
                }
            }
        }
    }

    /** A large reference input at its own size is used exactly as decoded, and rectangular sizes keep their shape. */
    @Test
    void inputOfTheTargetSizeIsNotResampled() {
        RgbImage img = ImageFiles.read(SharedData.referenceLarge("rocket-96x128.input.png"));
        assertEquals(128, img.width());
        assertEquals(96, img.height());
        Tensor t = Preprocessing.toTensor(img, new ImageSize(96, 128));
        assertEquals(new Shape(3, 96, 128), t.shape());
        for (int y = 0; y < 96; y += 7) {
            for (int x = 0; x < 128; x += 5) {
                for (int c = 0; c < 3; c++) {
                    assertEquals((img.channel(x, y, c) / 255.0 - MEAN[c]) / STD[c], t.get(c, y, x), 1e-12);
                }
            }
        }
    }

    @Test
    void knownValues() {
        RgbImage img = new RgbImage(32, 32, filled(32 * 32, 0xFF0080));
        Tensor t = Preprocessing.toTensor(img, ImageSize.DEFAULT);
        assertEquals((1 - 0.485) / 0.229, t.get(0, 5, 7), 1e-12);
        assertEquals(-0.456 / 0.224, t.get(1, 5, 7), 1e-12);
        assertEquals((128 / 255.0 - 0.406) / 0.225, t.get(2, 5, 7), 1e-12);
    }

    @Test
    void largerImagesAreAreaAveraged() {
        // 64x64 of 2x2 blocks: black/white columns of width 1 average to mid grey
        int[] px = new int[64 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % 2 == 0) ? 0xFFFFFF : 0x000000;
        }
        Tensor t = Preprocessing.toTensor(new RgbImage(64, 64, px), ImageSize.DEFAULT);
        for (int c = 0; c < 3; c++) {
            assertEquals((127.5 / 255 - MEAN[c]) / STD[c], t.get(c, 10, 10), 1e-12);
        }
    }

    @Test
    void smallerImagesAreEnlarged() {
        Tensor t = Preprocessing.toTensor(new RgbImage(8, 8, filled(64, 0x336699)), ImageSize.DEFAULT);
        assertEquals(new Shape(3, 32, 32), t.shape());
        assertEquals((0x33 / 255.0 - MEAN[0]) / STD[0], t.get(0, 31, 0), 1e-12);
    }

    private static int[] filled(int n, int rgb) {
        int[] px = new int[n];
        java.util.Arrays.fill(px, rgb);
        return px;
    }
}
