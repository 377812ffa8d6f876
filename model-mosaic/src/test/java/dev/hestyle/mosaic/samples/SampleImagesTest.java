package dev.hestyle.mosaic.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.image.Resize;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleImagesTest {
    @Test
    void mostlyNaturalWithAFewPatterns() {
        List<String> names = SampleImages.names();
        assertEquals(names.size(), new HashSet<>(names).size());
        assertTrue(names.size() >= 16 && names.size() <= 24, "count " + names.size());
        assertTrue(SampleImages.patternNames().size() * 3 < names.size(), "patterns must be a minority");
        assertTrue(SampleImages.patternNames().containsAll(List.of("checkerboard", "stripes", "noise")));
        assertEquals(names.size(), SampleImages.all32().size());
    }

    @Test
    void deterministic() {
        for (String n : SampleImages.names()) {
            assertArrayEquals(SampleImages.named(n).pixels(), SampleImages.named(n).pixels(), n);
        }
        assertArrayEquals(SampleImages.demo().pixels(), SampleImages.named("landscape", 128).pixels());
    }

    @Test
    void sizes() {
        assertEquals(32, SampleImages.named("city").width());
        assertEquals(128, SampleImages.demo().height());
        assertEquals(7, SampleImages.named("cat", 7).width());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        HestyleException e = assertThrows(HestyleException.class, () -> SampleImages.named("unicorn"));
        assertTrue(e.getMessage().contains("unicorn") && e.getMessage().contains("landscape"), e.getMessage());
    }

    /** Natural scenes look like small photos (the CIFAR reference inputs: means 0.35..0.86, 540..1020 colours). */
    @Test
    void naturalScenesHavePhotoLikeStatistics() {
        for (String n : SampleImages.naturalNames()) {
            RgbImage img = SampleImages.named(n);
            double[] s = stats(img);
            assertTrue(s[0] > 0.15 && s[0] < 0.88, n + " mean " + s[0]);
            assertTrue(s[1] > 0.05 && s[1] < 0.35, n + " std " + s[1]);
            assertTrue(distinct(img) > 400, n + " has only " + distinct(img) + " colours");
            assertTrue(roughness(img) < 0.12, n + " roughness " + roughness(img));
        }
    }

    @Test
    void patternsAreHard() {
        for (String n : List.of("checkerboard", "stripes", "noise")) {
            assertTrue(roughness(SampleImages.named(n)) > 0.2, n + " roughness " + roughness(SampleImages.named(n)));
        }
        RgbImage checker = SampleImages.named("checkerboard");
        assertEquals(0xFFFFFF, checker.rgb(0, 0));
        assertEquals(0x000000, checker.rgb(4, 0));
        assertEquals(0xFFFFFF, checker.rgb(4, 4));
    }

    /** A large rendering shrunk to 32x32 is close to the direct 32x32 one: the scenes are resolution independent. */
    @Test
    void largeRenderingShrinksToTheSmallOne() {
        for (String n : SampleImages.naturalNames()) {
            double[][] shrunk = Resize.planes(SampleImages.named(n, 128), 32, 32);
            RgbImage small = SampleImages.named(n);
            double err = 0;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 32 * 32; i++) {
                    err = Math.max(err, Math.abs(shrunk[c][i] - small.channel(i % 32, i / 32, c)));
                }
            }
            assertTrue(err < 40, n + " differs by " + err);
        }
    }

    /** Mean and standard deviation of all channel values, 0..1. */
    private static double[] stats(RgbImage img) {
        double s = 0;
        double s2 = 0;
        int n = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    double v = img.channel(x, y, c) / 255.0;
                    s += v;
                    s2 += v * v;
                    n++;
                }
            }
        }
        double mean = s / n;
        return new double[] {mean, Math.sqrt(s2 / n - mean * mean)};
    }

    private static int distinct(RgbImage img) {
        HashSet<Integer> set = new HashSet<>();
        for (int p : img.pixels()) {
            set.add(p);
        }
        return set.size();
    }

    /** Mean absolute difference between horizontal neighbours, 0..1. */
    private static double roughness(RgbImage img) {
        double s = 0;
        int n = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 1; x < img.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    s += Math.abs(img.channel(x, y, c) - img.channel(x - 1, y, c)) / 255.0;
                    n++;
                }
            }
        }
        return s / n;
    }
}
