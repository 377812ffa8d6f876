package dev.hestyle.mosaic.image;

import dev.hestyle.api.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.ImageFormat;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;

/**
 * Reads PNG and JPEG files of any size into {@link RgbImage}s, writes PNG, and builds comparison pictures.
 *
 * <p>PNG goes through Commons Imaging. JPEG is decoded with {@code javax.imageio} instead: Commons Imaging
 * 1.0.0-alpha5 does decode baseline JPEGs, but differently from libjpeg (on the CIFAR test images its pixels
 * differ by up to 43 levels, 32 dB PSNR), while the JDK's decoder is libjpeg's integer DCT with fancy
 * upsampling and reproduces libjpeg-turbo's output bit for bit, which is what the reference inputs were
 * decoded with.
 */
public final class ImageFiles {
    /** Gap between tiles in {@link #sideBySide(List)}, in pixels. */
    public static final int DEFAULT_GAP = 2;
    /** Background of gaps and of tiles shorter than the tallest one. */
    public static final int DEFAULT_BACKGROUND = 0xFFFFFF;

    private ImageFiles() {
    }

    /**
     * Reads a PNG or JPEG file (format detected from its content, not its name) as 8-bit RGB. Alpha is dropped,
     * grey images become grey RGB.
     *
     * @throws ImageFileException if the file is missing, unreadable, not PNG/JPEG or corrupt
     */
    public static RgbImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ImageFileException("image file not found: " + file);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageFileException("cannot read image file " + file + ": " + e, e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes PNG or JPEG bytes; {@code name} is used in error messages. */
    public static RgbImage decode(byte[] bytes, String name) {
        ImageFormat format;
        try {
            format = Imaging.guessFormat(bytes);
        } catch (IOException e) {
            throw new ImageFileException("cannot identify image " + name + ": " + e, e);
        }
        BufferedImage img;
        try {
            if (format == ImageFormats.PNG) {
                img = Imaging.getBufferedImage(bytes);
            } else if (format == ImageFormats.JPEG) {
                img = ImageIO.read(new ByteArrayInputStream(bytes));
            } else {
                throw new ImageFileException("unsupported image format of " + name + " (" + format.getName()
                        + "); PNG or JPEG expected");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageFileException ife) {
                throw ife;
            }
            throw new ImageFileException("cannot decode " + format.getName() + " image " + name + " (corrupt or truncated?): " + e, e);
        }
        if (img == null) {
            throw new ImageFileException("cannot decode image " + name + ": no decoder accepted it");
        }
        return fromBufferedImage(img);
    }

    /** Converts a decoded image to 8-bit RGB. */
    static RgbImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = new int[w * h];
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would push grey samples through a linear-to-sRGB conversion and brighten them
            Raster r = img.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int g = r.getSample(x, y, 0);
                    px[y * w + x] = g << 16 | g << 8 | g;
                }
            }
        } else {
            img.getRGB(0, 0, w, h, px, 0, w);
        }
        return new RgbImage(w, h, px);
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
