package dev.hestyle.mosaic.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageFilesTest {
    @TempDir
    Path dir;

    static String[] ids() {
        return SharedData.referenceIds();
    }

    /** The JPEG decoder reproduces the reference decoding (libjpeg-turbo) exactly. */
    @ParameterizedTest
    @MethodSource("ids")
    void jpegDecodesLikeTheReference(String id) {
        RgbImage jpeg = ImageFiles.read(SharedData.cifar(id + ".jpg"));
        RgbImage png = ImageFiles.read(SharedData.reference(id + ".input.png"));
        assertEquals(32, jpeg.width());
        assertEquals(32, jpeg.height());
        assertArrayEquals(png.pixels(), jpeg.pixels());
    }

    @Test
    void pngMatchesTheJdkDecoder() throws IOException {
        Path p = SharedData.reference("10.input.png");
        BufferedImage jdk = ImageIO.read(p.toFile());
        RgbImage img = ImageFiles.read(p);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                assertEquals(jdk.getRGB(x, y) & 0xFFFFFF, img.rgb(x, y));
            }
        }
    }

    @Test
    void pngRoundTrip() {
        int[] px = new int[17 * 5];
        for (int i = 0; i < px.length; i++) {
            px[i] = i * 0x030507 & 0xFFFFFF;
        }
        RgbImage img = new RgbImage(17, 5, px);
        Path f = dir.resolve("sub/out.png");
        ImageFiles.writePng(img, f);
        RgbImage back = ImageFiles.read(f);
        assertEquals(17, back.width());
        assertArrayEquals(img.pixels(), back.pixels());
    }

    @Test
    void greyJpegIsNotBrightened() throws IOException {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grey.getRaster().setSample(x, y, 0, 64);
            }
        }
        Path f = dir.resolve("grey.jpg");
        assertTrue(ImageIO.write(grey, "jpeg", f.toFile()));
        RgbImage img = ImageFiles.read(f);
        for (int c = 0; c < 3; c++) {
            assertEquals(64, img.channel(8, 8, c), 2);
        }
    }

    @Test
    void missingFile() {
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(dir.resolve("none.png")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void garbageAndUnsupportedFormats() throws IOException {
        Path text = Files.writeString(dir.resolve("fake.png"), "this is not an image");
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(text));
        assertTrue(e.getMessage().contains("fake.png"), e.getMessage());
        BufferedImage b = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Path bmp = dir.resolve("x.bmp");
        assertTrue(ImageIO.write(b, "bmp", bmp.toFile()));
        e = assertThrows(ImageFileException.class, () -> ImageFiles.read(bmp));
        assertTrue(e.getMessage().contains("PNG or JPEG expected"), e.getMessage());
    }

    @Test
    void truncatedFiles() throws IOException {
        for (String name : new String[] {"reference/59665.input.png", "seed/cifar100/59665.jpg"}) {
            byte[] all = Files.readAllBytes(SharedData.root().resolve(name));
            Path cut = Files.write(dir.resolve("cut-" + name.replace('/', '_')), Arrays.copyOf(all, all.length / 3));
            assertThrows(ImageFileException.class, () -> ImageFiles.read(cut), name);
        }
    }

    @Test
    void upscaleNearestRepeatsPixels() {
        RgbImage img = new RgbImage(2, 1, new int[] {0x112233, 0x445566});
        RgbImage big = ImageFiles.upscaleNearest(img, 3);
        assertEquals(6, big.width());
        assertEquals(3, big.height());
        assertEquals(0x112233, big.rgb(2, 2));
        assertEquals(0x445566, big.rgb(3, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.upscaleNearest(img, 0));
    }

    @Test
    void sideBySideLeavesGaps() {
        RgbImage a = new RgbImage(2, 2, new int[] {1, 1, 1, 1});
        RgbImage b = new RgbImage(3, 1, new int[] {2, 2, 2});
        RgbImage grid = ImageFiles.sideBySide(List.of(a, b));
        assertEquals(2 + ImageFiles.DEFAULT_GAP + 3, grid.width());
        assertEquals(2, grid.height());
        assertEquals(1, grid.rgb(1, 1));
        assertEquals(0xFFFFFF, grid.rgb(2, 0));
        assertEquals(2, grid.rgb(2 + ImageFiles.DEFAULT_GAP, 0));
        assertEquals(0xFFFFFF, grid.rgb(2 + ImageFiles.DEFAULT_GAP, 1));
        assertEquals(5, ImageFiles.sideBySide(List.of(a, b), 0, 0).width());
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.sideBySide(List.of()));
    }
}
