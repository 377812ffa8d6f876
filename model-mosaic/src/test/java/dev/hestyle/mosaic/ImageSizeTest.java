package dev.hestyle.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageSizeTest {

    @Test
    void sidesMustBePositiveMultiplesOfFour() {
        assertEquals("96x128", new ImageSize(96, 128).toString());
        for (int[] bad : new int[][] {{0, 32}, {32, -4}, {30, 32}, {32, 34}, {1, 1}}) {
            ImageSizeException e = assertThrows(ImageSizeException.class, () -> new ImageSize(bad[0], bad[1]));
            assertTrue(e.getMessage().contains("multiples of 4"), e.getMessage());
        }
    }

    @Test
    void longerSideKeepsTheAspectRoundedToMultiplesOfFour() {
        // a 4:3 landscape photo: width is the longer side
        assertEquals(new ImageSize(96, 128), ImageSize.fitLongerSide(128, 640, 480));
        // portrait: height is the longer side
        assertEquals(new ImageSize(128, 96), ImageSize.fitLongerSide(128, 480, 640));
        assertEquals(ImageSize.square(64), ImageSize.fitLongerSide(64, 1000, 1000));
        // 128 * 100 / 300 = 42.7 -> 44 (nearest multiple of 4)
        assertEquals(new ImageSize(44, 128), ImageSize.fitLongerSide(128, 300, 100));
        // a very thin strip still gets one multiple of 4
        assertEquals(new ImageSize(4, 32), ImageSize.fitLongerSide(32, 1000, 1));
    }

    @Test
    void anInputAlreadyOfThatSizeKeepsIt() {
        assertEquals(new ImageSize(96, 128), ImageSize.fitLongerSide(128, 128, 96));
        assertEquals(new ImageSize(32, 32), ImageSize.fitLongerSide(32, 32, 32));
    }

    @Test
    void badLongerSidesAreRefused() {
        assertThrows(ImageSizeException.class, () -> ImageSize.fitLongerSide(130, 640, 480));
        assertThrows(ImageSizeException.class, () -> ImageSize.fitLongerSide(0, 640, 480));
        assertThrows(IllegalArgumentException.class, () -> ImageSize.fitLongerSide(128, 0, 480));
    }
}
