package dev.hestyle.cli;

import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.ImageSize;
import java.util.Locale;

/**
 * The value of {@code --size}: an exact {@code HxW} (height x width), or {@code N}, the longer side, with
 * the other side following the input image's aspect ratio.
 *
 * @param exact the exact size, or {@code null} when only the longer side is given
 * @param longerSide the longer side when {@code exact} is {@code null}
 */
record SizeSpec(ImageSize exact, int longerSide) {
    /** Bound on either side, so that a typo cannot ask for a gigapixel network run. */
    static final int MAX_SIDE = 4096;

    /**
     * Parses {@code "96x128"} or {@code "128"}.
     *
     * @throws IllegalArgumentException if it is not a number or too large
     * @throws dev.hestyle.mosaic.ImageSizeException if a side is not a positive multiple of 4
     */
    static SizeSpec parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int x = v.indexOf('x');
        if (x < 0) {
            return new SizeSpec(null, ImageSize.requireLongerSide(side(v, value)));
        }
        return new SizeSpec(new ImageSize(side(v.substring(0, x), value), side(v.substring(x + 1), value)), 0);
    }

    /** The size to run {@code image} at: the exact size, or the longer side fitted to the image's aspect ratio. */
    ImageSize forImage(RgbImage image) {
        return exact != null ? exact : ImageSize.fitLongerSide(longerSide, image.width(), image.height());
    }

    /**
     * The size when no image is at hand (key generation, serving, decryption): the exact size, or a square
     * of the longer side. Commands that must agree without seeing the image read {@code N} as {@code NxN}.
     */
    ImageSize withoutImage() {
        return exact != null ? exact : ImageSize.square(longerSide);
    }

    private static int side(String digits, String whole) {
        int n;
        try {
            n = Integer.parseInt(digits.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "' is not a size: give HxW (height x width, e.g. 96x128) or N (the longer side)");
        }
        if (n > MAX_SIDE) {
            throw new IllegalArgumentException("image sides are limited to " + MAX_SIDE + ", got " + n);
        }
        return n;
    }
}
