package dev.hestyle.mosaic.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.RgbImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResizeTest {
    private static RgbImage random(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(1 << 24);
        }
        return new RgbImage(w, h, px);
    }

    @Test
    void sameSizeKeepsExactValues() {
        RgbImage img = random(32, 32, 1);
        double[][] p = Resize.planes(img, 32, 32);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 32 * 32; i++) {
                assertEquals(img.channel(i % 32, i / 32, c), p[c][i], 0.0);
            }
        }
        assertSame(img, Resize.rgb(img, 32, 32));
    }

    @Test
    void integerFactorAveragesBlocks() {
        RgbImage img = random(96, 64, 2);
        double[][] p = Resize.planes(img, 32, 32);
        for (int y = 0; y < 32; y += 7) {
            for (int x = 0; x < 32; x += 5) {
                double s = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 3; dx++) {
                        s += img.channel(3 * x + dx, 2 * y + dy, 1);
                    }
                }
                assertEquals(s / 6, p[1][y * 32 + x], 1e-9);
            }
        }
    }

    /** Area averaging keeps the image's mean exactly, whatever the ratio. */
    @Test
    void fractionalDownscalePreservesTheMean() {
        RgbImage img = random(100, 47, 3);
        double[][] p = Resize.planes(img, 32, 32);
        for (int c = 0; c < 3; c++) {
            double in = 0;
            for (int y = 0; y < 47; y++) {
                for (int x = 0; x < 100; x++) {
                    in += img.channel(x, y, c);
                }
            }
            double out = 0;
            for (double v : p[c]) {
                out += v;
            }
            assertEquals(in / (100 * 47), out / (32 * 32), 1e-9);
        }
    }

    @Test
    void upscaleIsBilinearAndBounded() {
        RgbImage img = new RgbImage(2, 1, new int[] {0x000000, 0xFF0000});
        double[][] p = Resize.planes(img, 4, 1);
        // centres at 0.25 and 0.75 of a pixel: -0.25 clamps to 0, then 0.25, 0.75, 1 (clamped)
        assertEquals(0, p[0][0], 1e-12);
        assertEquals(63.75, p[0][1], 1e-12);
        assertEquals(191.25, p[0][2], 1e-12);
        assertEquals(255, p[0][3], 1e-12);
        RgbImage one = new RgbImage(1, 1, new int[] {0x808080});
        assertEquals(0x808080, Resize.rgb(one, 5, 3).rgb(4, 2));
    }

    @Test
    void mixedAxesAndRounding() {
        RgbImage img = random(64, 16, 4);
        RgbImage out = Resize.rgb(img, 32, 32);
        assertEquals(32, out.width());
        assertEquals(32, out.height());
        for (int i = 0; i < 32 * 32; i++) {
            int v = out.channel(i % 32, i / 32, 0);
            assertTrue(v >= 0 && v <= 255);
        }
    }
}
