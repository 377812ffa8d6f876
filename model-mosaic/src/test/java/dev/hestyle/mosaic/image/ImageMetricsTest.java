package dev.hestyle.mosaic.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hestyle.api.RgbImage;
import org.junit.jupiter.api.Test;

class ImageMetricsTest {

    @Test
    void identicalImagesHaveTheSentinelPsnr() {
        RgbImage a = new RgbImage(2, 1, new int[] {0x102030, 0xFFFFFF});
        assertEquals(ImageMetrics.IDENTICAL_PSNR, ImageMetrics.psnr(a, a));
        assertEquals(0, ImageMetrics.maxAbsDiff(a, a));
    }

    @Test
    void psnrAndMaxDifferenceByHand() {
        RgbImage a = new RgbImage(2, 1, new int[] {0x000000, 0x000000});
        // Differences over the 6 channel values: 3, 0, 0, 0, 0, 3 -> MSE 3, max 3.
        RgbImage b = new RgbImage(2, 1, new int[] {0x030000, 0x000003});
        assertEquals(3.0, ImageMetrics.mse(a, b), 1e-12);
        assertEquals(10 * Math.log10(255.0 * 255.0 / 3.0), ImageMetrics.psnr(a, b), 1e-12);
        assertEquals(3, ImageMetrics.maxAbsDiff(a, b));
        // All values off by one: 48.13 dB.
        RgbImage c = new RgbImage(1, 1, new int[] {0x808080});
        RgbImage d = new RgbImage(1, 1, new int[] {0x7F817F});
        assertEquals(48.1308, ImageMetrics.psnr(c, d), 1e-4);
    }

    @Test
    void sizesMustMatch() {
        RgbImage a = new RgbImage(2, 1, new int[2]);
        RgbImage b = new RgbImage(1, 2, new int[2]);
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.psnr(a, b));
    }
}
