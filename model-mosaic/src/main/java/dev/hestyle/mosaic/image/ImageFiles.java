package dev.hestyle.mosaic.image;

import dev.hestyle.api.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.commons.imaging.ImageFormat;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;

/**
 * Reads PNG and JPEG files into {@link RgbImage}s, writes PNG, and builds comparison pictures.
 *
 * <p>Both formats are decoded with {@code javax.imageio}, and pixels are taken from the decoded raster's samples,
 * never through a colour conversion: a grey level of 128 stays 128 whatever the file's bit depth or colour type
 * (grey, grey with alpha, palette, RGB, RGBA; 1 to 16 bits a sample, 16-bit samples rounded to the nearest
 * 8-bit level). The JDK's JPEG decoder is libjpeg's integer DCT with fancy upsampling and reproduces
 * libjpeg-turbo's output bit for bit, which is what the reference inputs were decoded with. Commons Imaging
 * 1.0.0-alpha5 only writes PNG and names unsupported formats here: its PNG reader converts grey samples as if
 * they were linear light (128 reads as 55), and its JPEG decoder differs from libjpeg by up to 43 levels.
 *
 * <p>Files are untrusted: the file size and the dimensions in the header are checked against {@link ImageLimits}
 * before anything is decoded, and every failure is an {@link ImageFileException} ({@link ImageTooLargeException}
 * for a limit).
 */
public final class ImageFiles {
    /** Gap between tiles in {@link #sideBySide(List)}, in pixels. */
    public static final int DEFAULT_GAP = 2;
    /** Background of gaps and of tiles shorter than the tallest one. */
    public static final int DEFAULT_BACKGROUND = 0xFFFFFF;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageFiles() {
    }

    /**
     * Reads a PNG or JPEG file (format detected from its content, not its name) as 8-bit RGB, within
     * {@link ImageLimits#defaults()}. Alpha is dropped, grey images become grey RGB.
     *
     * @throws ImageFileException if the file is missing, unreadable, not PNG/JPEG or corrupt
     * @throws ImageTooLargeException if it is larger than the limits
     */
    public static RgbImage read(Path file) {
        return read(file, ImageLimits.defaults());
    }

    /** As {@link #read(Path)}, within {@code limits}. */
    public static RgbImage read(Path file, ImageLimits limits) {
        if (!Files.isRegularFile(file)) {
            throw new ImageFileException("image file not found: " + file);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            checkFileSize(size, file.toString(), limits);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageFileException("cannot read image file " + file + ": " + e, e);
        }
        return decode(bytes, file.toString(), limits);
    }

    /** Reads a PNG or JPEG from {@code in} (not closed) within {@code limits}; {@code name} is used in messages. */
    public static RgbImage read(InputStream in, String name, ImageLimits limits) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
        } catch (IOException e) {
            throw new ImageFileException("cannot read image " + name + ": " + e, e);
        }
        return decode(bytes, name, limits);
    }

    /** Decodes PNG or JPEG bytes within {@link ImageLimits#defaults()}; {@code name} is used in error messages. */
    public static RgbImage decode(byte[] bytes, String name) {
        return decode(bytes, name, ImageLimits.defaults());
    }

    /**
     * Decodes PNG or JPEG bytes within {@code limits}; {@code name} is used in error messages.
     *
     * @throws ImageFileException if the bytes are not a PNG/JPEG image or are corrupt or truncated
     * @throws ImageTooLargeException if there are too many bytes, or the header declares too many pixels
     */
    public static RgbImage decode(byte[] bytes, String name, ImageLimits limits) {
        checkFileSize(bytes.length, name, limits);
        String format = sniff(bytes, name);
        ImageReader reader = readerFor(format, name);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0); // both read the header only (PNG IHDR, JPEG SOF), no pixel data
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0) {
                throw new ImageFileException(format + " image " + name + " declares a size of " + w + "x" + h);
            }
            long pixels = (long) w * h;
            if (pixels > limits.maxPixels()) {
                throw new ImageTooLargeException(format + " image " + name + " is " + w + "x" + h + ", " + pixels
                        + " pixels, more than the " + limits.maxPixels() + " allowed", ImageLimits.MAX_PIXELS_PROPERTY,
                        pixels, limits.maxPixels());
            }
            BufferedImage img = reader.read(0);
            if (img == null || img.getWidth() != w || img.getHeight() != h) {
                throw new ImageFileException("cannot decode " + format + " image " + name + ": the decoder's result does not "
                        + "match the " + w + "x" + h + " header");
            }
            return fromBufferedImage(img);
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException("cannot decode " + format + " image " + name + " (corrupt or truncated?): " + e, e);
        } catch (OutOfMemoryError e) {
            // the pixel limit keeps this away unless the heap is smaller than the limit needs
            throw new ImageFileException("not enough memory to decode " + format + " image " + name + "; give Java more heap "
                    + "(-Xmx) or lower " + ImageLimits.MAX_PIXELS_PROPERTY, e);
        } finally {
            reader.dispose();
        }
    }

    private static void checkFileSize(long size, String name, ImageLimits limits) {
        if (size > limits.maxFileBytes()) {
            // a stream is read one byte past the limit, so size limit + 1 means "more than the limit"
            String has = size == limits.maxFileBytes() + 1 ? "more than " + limits.maxFileBytes() + " bytes" : size + " bytes";
            throw new ImageTooLargeException("image file " + name + " has " + has + ", more than the " + limits.maxFileBytes()
                    + " allowed", ImageLimits.MAX_FILE_BYTES_PROPERTY, size, limits.maxFileBytes());
        }
    }

    /** {@code "PNG"} or {@code "JPEG"} from the leading bytes, else an error naming what the file seems to be. */
    private static String sniff(byte[] b, String name) {
        if (b.length >= PNG_SIGNATURE.length && Arrays.equals(b, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return "PNG";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "JPEG";
        }
        String seems;
        try {
            ImageFormat f = Imaging.guessFormat(b);
            seems = f == null ? "unknown" : f.getName();
        } catch (IOException | RuntimeException e) {
            seems = "unknown";
        }
        throw new ImageFileException("unsupported image format of " + name + " (" + seems + "); PNG or JPEG expected");
    }

    /** The JDK's own reader for the format (other ImageIO plugins on the class path are not used). */
    private static ImageReader readerFor(String format, String name) {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun.imageio.")) {
                return r;
            }
            if (fallback == null) {
                fallback = r;
            }
        }
        if (fallback == null) {
            throw new ImageFileException("no " + format + " decoder available to read " + name);
        }
        return fallback;
    }

    /**
     * Converts a decoded image to 8-bit RGB from its raster samples: palette indices through the palette, grey
     * and RGB samples rescaled from their bit depth to 0..255 (rounded); alpha is dropped. Only images whose
     * colour model is neither of these (e.g. packed {@code TYPE_INT_RGB}) go through {@code getRGB}.
     */
    static RgbImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = new int[Math.multiplyExact(w, h)];
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        if (cm instanceof IndexColorModel icm) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = icm.getRGB(row[x]) & 0xFFFFFF;
                }
            }
        } else if (cm instanceof ComponentColorModel && (isGrey(cm) || isRgb(cm))) {
            int bands = r.getNumBands();
            int colours = cm.getNumColorComponents();
            int[] max = new int[colours];
            for (int c = 0; c < colours; c++) {
                max[c] = (1 << r.getSampleModel().getSampleSize(c)) - 1;
            }
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                r.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int o = x * bands;
                    int red = to8(row[o], max[0]);
                    int green = colours == 1 ? red : to8(row[o + 1], max[1]);
                    int blue = colours == 1 ? red : to8(row[o + 2], max[2]);
                    px[y * w + x] = red << 16 | green << 8 | blue;
                }
            }
        } else {
            img.getRGB(0, 0, w, h, px, 0, w);
        }
        return new RgbImage(w, h, px);
    }

    private static boolean isGrey(ColorModel cm) {
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
    }

    private static boolean isRgb(ColorModel cm) {
        return cm.getColorSpace().getType() == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3;
    }

    /** A sample of {@code 0..max} on the 0..255 scale, rounded half up; exact for 8 bits. */
    private static int to8(int v, int max) {
        if (max == 255) {
            return v;
        }
        return (int) ((v * 510L + max) / (2L * max));
    }

    /** The image as a {@link BufferedImage} of type {@code TYPE_INT_RGB}. */
    public static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        return img;
    }

    /** Writes {@code image} as a PNG file, creating parent folders as needed. */
    public static void writePng(RgbImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(pngBytes(image));
            }
        } catch (IOException e) {
            throw new ImageFileException("cannot write PNG " + file + ": " + e, e);
        }
    }

    /** The image encoded as PNG. */
    public static byte[] pngBytes(RgbImage image) {
        try {
            return Imaging.writeImageToBytes(toBufferedImage(image), ImageFormats.PNG);
        } catch (IOException e) {
            throw new ImageFileException("cannot encode PNG: " + e, e);
        }
    }

    /** Each pixel repeated {@code factor} times in both directions, e.g. to show a 32x32 result at 256x256. */
    public static RgbImage upscaleNearest(RgbImage image, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("upscale factor must be at least 1, got " + factor);
        }
        int w = Math.multiplyExact(image.width(), factor);
        int h = Math.multiplyExact(image.height(), factor);
        int[] px = new int[Math.multiplyExact(w, h)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = image.rgb(x / factor, y / factor);
            }
        }
        return new RgbImage(w, h, px);
    }

    /** The images left to right, top-aligned, separated by {@link #DEFAULT_GAP} white pixels. */
    public static RgbImage sideBySide(List<RgbImage> images) {
        return sideBySide(images, DEFAULT_GAP, DEFAULT_BACKGROUND);
    }

    /** The images left to right, top-aligned, {@code gap} pixels of {@code background} (0xRRGGBB) apart. */
    public static RgbImage sideBySide(List<RgbImage> images, int gap, int background) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("sideBySide needs at least one image");
        }
        if (gap < 0) {
            throw new IllegalArgumentException("gap must be non-negative");
        }
        int w = gap * (images.size() - 1);
        int h = 0;
        for (RgbImage img : images) {
            w += img.width();
            h = Math.max(h, img.height());
        }
        int[] px = new int[Math.multiplyExact(w, h)];
        Arrays.fill(px, background);
        int left = 0;
        for (RgbImage img : images) {
            for (int y = 0; y < img.height(); y++) {
                for (int x = 0; x < img.width(); x++) {
                    px[y * w + left + x] = img.rgb(x, y);
                }
            }
            left += img.width() + gap;
        }
        return new RgbImage(w, h, px);
    }
}
