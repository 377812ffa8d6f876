package dev.hestyle.api;

/**
 * An 8-bit RGB image, pixels row-major as {@code 0xRRGGBB}.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final int[] rgb;

    public RgbImage(int width, int height, int[] rgb) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
        }
        if (rgb.length != width * height) {
            throw new IllegalArgumentException("image of " + width + "x" + height + " needs " + width * height + " pixels, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb.clone();
        for (int i = 0; i < this.rgb.length; i++) {
            this.rgb[i] &= 0xFFFFFF;
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixel at column {@code x}, row {@code y} as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) {
        return rgb[y * width + x];
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue) of pixel (x, y), 0..255. */
    public int channel(int x, int y, int c) {
        return (rgb[y * width + x] >> (16 - 8 * c)) & 0xFF;
    }

    /** A copy of all pixels. */
    public int[] pixels() {
        return rgb.clone();
    }
}
