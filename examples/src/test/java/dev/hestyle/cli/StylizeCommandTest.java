package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stylize} on the clear backend: the files it writes and what it reports. */
class StylizeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheImageAnEnlargedCopyAndTheCompareGrid() throws IOException {
        Path out = tmp.resolve("out.png");
        Path grid = tmp.resolve("grid.png");
        CliRun r = CliRun.of("stylize", "--backend", "clear", "--input", SharedData.reference().resolve("632.input.png").toString(),
                "--output", out.toString(), "--upscale", "4", "--compare", grid.toString(),
                "--checkpoint", SharedData.checkpoint().toString());
        assertEquals(Main.EXIT_OK, r.code(), r::toString);

        BufferedImage small = ImageIO.read(out.toFile());
        assertEquals(32, small.getWidth());
        assertEquals(32, small.getHeight());
        BufferedImage big = ImageIO.read(tmp.resolve("out-x4.png").toFile());
        assertEquals(128, big.getWidth());
        assertEquals(128, big.getHeight());
        assertEquals(small.getRGB(5, 7) & 0xFFFFFF, big.getRGB(5 * 4 + 3, 7 * 4 + 1) & 0xFFFFFF, "nearest-neighbour enlargement");
        BufferedImage g = ImageIO.read(grid.toFile());
        assertEquals(128, g.getHeight());
        assertTrue(g.getWidth() >= 3 * 128, "three panels side by side, got width " + g.getWidth());

        // The clear backend computes the reference network exactly (up to float rounding).
        BufferedImage expected = ImageIO.read(SharedData.reference().resolve("632.output.png").toFile());
        assertTrue(maxAbsDiff(expected, small) <= 1, "clear output differs from the reference by " + maxAbsDiff(expected, small));

        assertTrue(r.out().contains("NOT ENCRYPTED"), r::toString);
        for (String phase : new String[] {"compile", "keygen", "encrypt", "eval", "decrypt"}) {
            assertTrue(r.out().contains(phase + " "), "phase " + phase + " reported: " + r);
        }
        assertTrue(r.out().contains("rotations"), r::toString);
        assertTrue(r.out().contains("evaluation keys"), r::toString);
    }

    /** {@code --size 128} on inputs whose longer side is 128: run as they are, and equal to the clear network's output. */
    @Test
    void clearBackendAtLargerSizesReproducesTheReference() throws IOException {
        for (String id : new String[] {"chelsea-128x128", "rocket-96x128"}) {
            Path out = tmp.resolve(id + ".png");
            Path grid = tmp.resolve(id + "-grid.png");
            CliRun r = CliRun.of("stylize", "--backend", "clear", "--size", "128", "--input", SharedData.referenceLarge().resolve(id + ".input.png")
                    .toString(), "--output", out.toString(), "--compare", grid.toString(), "--checkpoint", SharedData.checkpoint().toString());
            assertEquals(Main.EXIT_OK, r.code(), r::toString);
            assertTrue(r.out().contains("run as it is"), "an input of exactly the size is not resampled: " + r);
            BufferedImage expected = ImageIO.read(SharedData.referenceLarge().resolve(id + ".output.png").toFile());
            BufferedImage actual = ImageIO.read(out.toFile());
            assertEquals(expected.getWidth(), actual.getWidth(), id);
            assertEquals(expected.getHeight(), actual.getHeight(), id);
            assertTrue(maxAbsDiff(expected, actual) <= 1, id + ": clear output differs from the reference by " + maxAbsDiff(expected, actual));
            // panels enlarged to about 256 pixels by default: 2x at 128
            assertEquals(2 * expected.getHeight(), ImageIO.read(grid.toFile()).getHeight(), id);
        }
    }

    @Test
    void sizeFollowsTheAspectRatioOrIsExact() throws IOException {
        Path in = SharedData.referenceLarge().resolve("rocket-96x128.input.png");
        Path out = tmp.resolve("o.png");
        CliRun n = CliRun.of("stylize", "--backend", "clear", "--size", "64", "--input", in.toString(), "--output", out.toString(),
                "--checkpoint", SharedData.checkpoint().toString());
        assertEquals(Main.EXIT_OK, n.code(), n::toString);
        assertTrue(n.out().contains("resampled to 48x64"), n::toString);
        assertEquals(64, ImageIO.read(out.toFile()).getWidth());
        assertEquals(48, ImageIO.read(out.toFile()).getHeight());
        CliRun exact = CliRun.of("stylize", "--backend", "clear", "--size", "40x24", "--sample", "cat", "--output", out.toString(),
                "--checkpoint", SharedData.checkpoint().toString());
        assertEquals(Main.EXIT_OK, exact.code(), exact::toString);
        assertTrue(exact.out().contains("run as it is"), "samples are drawn at the size: " + exact);
        assertEquals(24, ImageIO.read(out.toFile()).getWidth());
        assertEquals(40, ImageIO.read(out.toFile()).getHeight());
    }

    @Test
    void missingInputFileIsARuntimeError() {
        CliRun r = CliRun.of("stylize", "--backend", "clear", "--input", tmp.resolve("none.png").toString(),
                "--output", tmp.resolve("o.png").toString(), "--checkpoint", SharedData.checkpoint().toString());
        assertEquals(Main.EXIT_ERROR, r.code(), r::toString);
        assertTrue(r.err().contains("none.png"), r::toString);
    }

    @Test
    void missingOutputFolderFailsBeforeTheRun() {
        CliRun r = CliRun.of("stylize", "--backend", "clear", "--input", SharedData.reference().resolve("632.input.png").toString(),
                "--output", tmp.resolve("no/such/dir/o.png").toString(), "--checkpoint", SharedData.checkpoint().toString());
        assertEquals(Main.EXIT_ERROR, r.code(), r::toString);
        assertTrue(r.err().contains("does not exist"), r::toString);
    }

    private static int maxAbsDiff(BufferedImage a, BufferedImage b) {
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    max = Math.max(max, Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF)));
                }
            }
        }
        return max;
    }
}
