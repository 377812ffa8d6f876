package dev.hestyle.mosaic.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.testing.PngBytes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every PNG colour type and bit depth, and grey JPEG, decode to their exact sample values; oversized and damaged
 * files are refused with typed errors before or instead of decoding. All files are made here.
 */
class ImageDecodingTest {
    private static final Duration QUICK = Duration.ofSeconds(10);
    /** 16-bit samples and the 8-bit levels they round to: v * 255 / 65535, half up. */
    private static final int[] SAMPLES_16 = {0, 1, 128, 129, 257, 32767, 32768, 32896, 33025, 65277, 65534, 65535};
    private static final int[] LEVELS_16 = {0, 0, 0, 1, 1, 127, 128, 128, 129, 254, 255, 255};

    @TempDir
    Path dir;

    private static byte[] imageIo(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), format);
        return out.toByteArray();
    }

    /** IHDR's bit depth and colour type (bytes 24 and 25 of a PNG), to check what an encoder actually wrote. */
    private static void assertPngType(byte[] png, int bitDepth, int colourType) {
        assertEquals(bitDepth, png[24], "bit depth");
        assertEquals(colourType, png[25], "colour type");
    }

    private static void assertGrey(RgbImage img, int x, int y, int level) {
        assertEquals(level << 16 | level << 8 | level, img.rgb(x, y), "pixel " + x + "," + y);
    }

    @Test
    void eightBitGreyPngKeepsEveryLevel() throws IOException {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int v = 0; v < 256; v++) {
            grey.getRaster().setSample(v % 16, v / 16, 0, v);
        }
        byte[] png = imageIo(grey, "png");
        assertPngType(png, 8, PngBytes.GREY);
        Path f = Files.write(dir.resolve("grey8.png"), png);
        RgbImage img = ImageFiles.read(f);
        for (int v = 0; v < 256; v++) {
            assertGrey(img, v % 16, v / 16, v);
        }
        assertGrey(img, 0, 8, 128);
    }

    @Test
    void sixteenBitGreyPngRoundsToTheNearestLevel() throws IOException {
        BufferedImage grey = new BufferedImage(SAMPLES_16.length, 2, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < SAMPLES_16.length; i++) {
            grey.getRaster().setSample(i, 0, 0, SAMPLES_16[i]);
            grey.getRaster().setSample(i, 1, 0, 128 * 257); // 128 on the 16-bit scale, exactly
        }
        byte[] png = imageIo(grey, "png");
        assertPngType(png, 16, PngBytes.GREY);
        RgbImage img = ImageFiles.decode(png, "grey16.png");
        for (int i = 0; i < SAMPLES_16.length; i++) {
            assertGrey(img, i, 0, LEVELS_16[i]);
            assertGrey(img, i, 1, 128);
        }
    }

    @Test
    void gammaAndColourChunksDoNotChangeSamples() {
        byte[] png = new PngBytes().header(2, 1, 8, PngBytes.GREY).gamma(100_000).chunk("sRGB", new byte[] {0})
                .data(new byte[][] {{(byte) 128, 55}}).end().bytes();
        RgbImage img = ImageFiles.decode(png, "gamma.png");
        assertGrey(img, 0, 0, 128);
        assertGrey(img, 1, 0, 55);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void subByteGreyPngScalesToTheFullRange(int bits) {
        int max = (1 << bits) - 1;
        int perByte = 8 / bits;
        byte[] row = new byte[(max + 1 + perByte - 1) / perByte];
        for (int v = 0; v <= max; v++) {
            row[v / perByte] |= (byte) (v << (8 - bits * (v % perByte + 1)));
        }
        byte[] png = new PngBytes().header(max + 1, 1, bits, PngBytes.GREY).data(new byte[][] {row}).end().bytes();
        RgbImage img = ImageFiles.decode(png, "grey" + bits + ".png");
        for (int v = 0; v <= max; v++) {
            assertGrey(img, v, 0, v * 255 / max);
        }
    }

    @Test
    void greyWithAlphaKeepsTheGreyAndDropsAlpha() {
        byte[] png8 = new PngBytes().header(3, 1, 8, PngBytes.GREY_ALPHA)
                .data(new byte[][] {{(byte) 128, (byte) 255, (byte) 128, 0, 7, (byte) 128}}).end().bytes();
        RgbImage img = ImageFiles.decode(png8, "ga8.png");
        assertGrey(img, 0, 0, 128);
        assertGrey(img, 1, 0, 128); // fully transparent, not premultiplied to black
        assertGrey(img, 2, 0, 7);
        byte[] row16 = new byte[SAMPLES_16.length * 4];
        for (int i = 0; i < SAMPLES_16.length; i++) {
            row16[4 * i] = (byte) (SAMPLES_16[i] >> 8);
            row16[4 * i + 1] = (byte) SAMPLES_16[i];
            row16[4 * i + 2] = (byte) (i * 20); // alpha
        }
        RgbImage img16 = ImageFiles.decode(new PngBytes().header(SAMPLES_16.length, 1, 16, PngBytes.GREY_ALPHA)
                .data(new byte[][] {row16}).end().bytes(), "ga16.png");
        for (int i = 0; i < SAMPLES_16.length; i++) {
            assertGrey(img16, i, 0, LEVELS_16[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void palettePngUsesThePaletteColours(int bits) {
        int entries = 1 << Math.min(bits, 4);
        int[] colours = new int[entries];
        for (int i = 0; i < entries; i++) {
            colours[i] = (i * 0x3B5D7F + 0x102030) & 0xFFFFFF;
        }
        int perByte = 8 / bits;
        byte[] row = new byte[(entries + perByte - 1) / perByte];
        for (int i = 0; i < entries; i++) {
            row[i / perByte] |= (byte) (i << (8 - bits * (i % perByte + 1)));
        }
        byte[] trns = new byte[entries];
        Arrays.fill(trns, (byte) 0); // all transparent: the colour must still come through
        byte[] png = new PngBytes().header(entries, 1, bits, PngBytes.PALETTE).palette(colours).chunk("tRNS", trns)
                .data(new byte[][] {row}).end().bytes();
        RgbImage img = ImageFiles.decode(png, "palette" + bits + ".png");
        for (int i = 0; i < entries; i++) {
            assertEquals(colours[i], img.rgb(i, 0), "entry " + i);
        }
    }

    @Test
    void sixteenBitRgbAndRgbaRoundEachChannel() {
        int n = SAMPLES_16.length;
        byte[] rgb = new byte[n * 6];
        byte[] rgba = new byte[n * 8];
        for (int i = 0; i < n; i++) {
            int[] c = {SAMPLES_16[i], SAMPLES_16[(i + 1) % n], SAMPLES_16[(i + 2) % n]};
            for (int k = 0; k < 3; k++) {
                rgb[6 * i + 2 * k] = (byte) (c[k] >> 8);
                rgb[6 * i + 2 * k + 1] = (byte) c[k];
                rgba[8 * i + 2 * k] = (byte) (c[k] >> 8);
                rgba[8 * i + 2 * k + 1] = (byte) c[k];
            }
            rgba[8 * i + 6] = (byte) (i * 16); // alpha: ignored
        }
        RgbImage a = ImageFiles.decode(new PngBytes().header(n, 1, 16, PngBytes.RGB).data(new byte[][] {rgb}).end().bytes(), "rgb16");
        RgbImage b = ImageFiles.decode(new PngBytes().header(n, 1, 16, PngBytes.RGBA).data(new byte[][] {rgba}).end().bytes(), "rgba16");
        for (int i = 0; i < n; i++) {
            int expected = LEVELS_16[i] << 16 | LEVELS_16[(i + 1) % n] << 8 | LEVELS_16[(i + 2) % n];
            assertEquals(expected, a.rgb(i, 0), "rgb16 pixel " + i);
            assertEquals(expected, b.rgb(i, 0), "rgba16 pixel " + i);
        }
    }

    @Test
    void eightBitRgbaKeepsColourUnderZeroAlpha() {
        byte[] row = {(byte) 200, 100, 50, 0, 1, 2, 3, (byte) 255};
        RgbImage img = ImageFiles.decode(new PngBytes().header(2, 1, 8, PngBytes.RGBA).data(new byte[][] {row}).end().bytes(), "rgba8");
        assertEquals(0xC86432, img.rgb(0, 0));
        assertEquals(0x010203, img.rgb(1, 0));
    }

    @Test
    void greyJpegKeepsItsLevels() throws IOException {
        for (int level : new int[] {0, 64, 128, 200, 255}) {
            BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    grey.getRaster().setSample(x, y, 0, level);
                }
            }
            RgbImage img = ImageFiles.decode(imageIo(grey, "jpeg"), "grey.jpg");
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    assertGrey(img, x, y, level);
                }
            }
        }
    }

    private static ImageTooLargeException tooLarge(byte[] file, ImageLimits limits) {
        return assertTimeoutPreemptively(QUICK, () -> assertThrows(ImageTooLargeException.class,
                () -> ImageFiles.decode(file, "big", limits)));
    }

    @Test
    void hugeDimensionsInAPngHeaderAreRefusedBeforeDecoding() {
        // a 12000 x 12000 grey PNG would need 144 MB of raster (4 bytes a pixel as RGB): only its first row is here
        byte[] png = new PngBytes().header(12_000, 12_000, 8, PngBytes.GREY).data(new byte[][] {new byte[12_000]}).end().bytes();
        assertTrue(png.length < 200, "a tiny file: " + png.length + " bytes");
        ImageTooLargeException e = tooLarge(png, ImageLimits.defaults());
        assertEquals(ImageLimits.MAX_PIXELS_PROPERTY, e.limit());
        assertEquals(144_000_000L, e.actual());
        assertEquals(ImageLimits.DEFAULT_MAX_PIXELS, e.allowed());
        assertTrue(e.getMessage().contains("12000x12000") && e.getMessage().contains(ImageLimits.MAX_PIXELS_PROPERTY), e.getMessage());
        // dimensions whose product overflows an int
        byte[] widest = new PngBytes().header(Integer.MAX_VALUE, Integer.MAX_VALUE, 16, PngBytes.RGBA).end().bytes();
        assertEquals((long) Integer.MAX_VALUE * Integer.MAX_VALUE, tooLarge(widest, ImageLimits.defaults()).actual());
    }

    @Test
    void hugeDimensionsInAJpegHeaderAreRefusedBeforeDecoding() throws IOException {
        byte[] jpeg = imageIo(new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        int sof = -1;
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                sof = i;
                break;
            }
        }
        assertTrue(sof > 0, "baseline SOF marker");
        // SOF0: marker, length (2), precision (1), height (2), width (2)
        jpeg[sof + 5] = (byte) 0xEA;
        jpeg[sof + 6] = 0x60;
        jpeg[sof + 7] = (byte) 0xEA;
        jpeg[sof + 8] = 0x60;
        ImageTooLargeException e = tooLarge(jpeg, ImageLimits.defaults());
        assertEquals(60_000L * 60_000L, e.actual());
        assertTrue(e.getMessage().contains("JPEG") && e.getMessage().contains("60000x60000"), e.getMessage());
    }

    @Test
    void limitsAreConfigurable() throws IOException {
        byte[] png = ImageFiles.pngBytes(new RgbImage(100, 50, new int[5000]));
        assertEquals(100, ImageFiles.decode(png, "ok", new ImageLimits(5000, 1 << 20)).width());
        assertEquals(5000, tooLarge(png, new ImageLimits(4999, 1 << 20)).actual());
        ImageTooLargeException bytes = tooLarge(png, new ImageLimits(5000, 10));
        assertEquals(ImageLimits.MAX_FILE_BYTES_PROPERTY, bytes.limit());
        assertEquals(png.length, bytes.actual());
        Path f = Files.write(dir.resolve("small.png"), png);
        assertThrows(ImageTooLargeException.class, () -> ImageFiles.read(f, new ImageLimits(5000, 10)));
        ImageTooLargeException stream = assertThrows(ImageTooLargeException.class,
                () -> ImageFiles.read(new ByteArrayInputStream(png), "stream", new ImageLimits(5000, 10)));
        assertTrue(stream.getMessage().contains("more than 10 bytes"), stream.getMessage());
        assertEquals(50, ImageFiles.read(new ByteArrayInputStream(png), "stream", ImageLimits.defaults()).height());
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(0, 10));
    }

    @Test
    void systemPropertiesSetTheDefaultLimits() throws IOException {
        byte[] png = ImageFiles.pngBytes(new RgbImage(10, 10, new int[100]));
        try {
            System.setProperty(ImageLimits.MAX_PIXELS_PROPERTY, "99");
            assertEquals(99, ImageLimits.defaults().maxPixels());
            assertThrows(ImageTooLargeException.class, () -> ImageFiles.decode(png, "p"));
            System.setProperty(ImageLimits.MAX_PIXELS_PROPERTY, "1_000");
            assertEquals(10, ImageFiles.decode(png, "p").width());
            System.setProperty(ImageLimits.MAX_FILE_BYTES_PROPERTY, "lots");
            ImageFileException e = assertThrows(ImageFileException.class, ImageLimits::defaults);
            assertTrue(e.getMessage().contains(ImageLimits.MAX_FILE_BYTES_PROPERTY), e.getMessage());
        } finally {
            System.clearProperty(ImageLimits.MAX_PIXELS_PROPERTY);
            System.clearProperty(ImageLimits.MAX_FILE_BYTES_PROPERTY);
        }
        assertEquals(new ImageLimits(ImageLimits.DEFAULT_MAX_PIXELS, ImageLimits.DEFAULT_MAX_FILE_BYTES), ImageLimits.defaults());
    }

    /** Each input must decode or be refused with an ImageFileException; nothing else may escape. */
    private static void onlyTypedFailures(byte[] valid, Random rnd, int mutations) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i <= valid.length + mutations; i++) {
                byte[] input;
                if (i <= valid.length) {
                    input = Arrays.copyOf(valid, i); // every truncation
                } else {
                    input = valid.clone();
                    for (int k = rnd.nextInt(4); k >= 0; k--) {
                        input[rnd.nextInt(input.length)] = (byte) rnd.nextInt(256);
                    }
                }
                try {
                    ImageFiles.decode(input, "input " + i);
                } catch (ImageFileException expected) {
                    // refused: fine
                } catch (Throwable t) {
                    throw new AssertionError("input " + i + " escaped with " + t, t);
                }
            }
        });
    }

    @Test
    void damagedFilesGiveOnlyImageFileExceptions() throws IOException {
        Random rnd = new Random(99);
        int[] px = new int[24 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextInt(1 << 24);
        }
        RgbImage img = new RgbImage(24, 16, px);
        onlyTypedFailures(ImageFiles.pngBytes(img), rnd, 800);
        onlyTypedFailures(imageIo(ImageFiles.toBufferedImage(img), "jpeg"), rnd, 800);
        byte[] palette = new PngBytes().header(4, 1, 2, PngBytes.PALETTE).palette(1, 2, 3, 4).data(new byte[][] {{0x1B}}).end().bytes();
        onlyTypedFailures(palette, rnd, 800);
        // a palette index past the palette's end
        byte[] outside = new PngBytes().header(4, 1, 2, PngBytes.PALETTE).palette(1).data(new byte[][] {{(byte) 0xFF}}).end().bytes();
        onlyTypedFailures(outside, rnd, 0);
        byte[] junk = new byte[4096];
        rnd.nextBytes(junk);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, junk, 0, 8);
        onlyTypedFailures(junk, rnd, 200);
        junk[0] = (byte) 0xFF;
        junk[1] = (byte) 0xD8;
        junk[2] = (byte) 0xFF;
        onlyTypedFailures(junk, rnd, 200);
    }

    @Test
    void truncatedHeaderIsACorruptFileNotATooLargeOne() {
        byte[] png = new PngBytes().header(12_000, 12_000, 8, PngBytes.GREY).bytes();
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.decode(Arrays.copyOf(png, 20), "cut.png"));
        assertTrue(!(e instanceof ImageTooLargeException) && e.getMessage().contains("cut.png"), e.getMessage());
    }
}
