package dev.hestyle.mosaic.image;

/**
 * Bounds on the image files {@link ImageFiles} reads, checked before decoding: the file's size, and the pixel
 * count its header declares (PNG IHDR, JPEG SOF), so a small file claiming huge dimensions is refused without
 * allocating its raster. Exceeding one is an {@link ImageTooLargeException}.
 *
 * <p>The defaults, {@value #DEFAULT_MAX_PIXELS} pixels (40 megapixels: an 8K frame or a full-frame camera
 * photo) and {@value #DEFAULT_MAX_FILE_BYTES} bytes (256 MiB), can be changed with the system properties
 * {@value #MAX_PIXELS_PROPERTY} and {@value #MAX_FILE_BYTES_PROPERTY} (e.g. in {@code HESTYLE_JAVA_OPTS}).
 * Decoding an image at the pixel limit needs up to 12 bytes a pixel of heap (a 16-bit RGBA raster and the
 * 8-bit result), about 480 MB at the default.
 *
 * @param maxPixels largest width times height accepted
 * @param maxFileBytes largest file accepted, in bytes
 */
public record ImageLimits(long maxPixels, long maxFileBytes) {
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    public static final long DEFAULT_MAX_FILE_BYTES = 268_435_456L;
    public static final String MAX_PIXELS_PROPERTY = "hestyle.image.maxPixels";
    public static final String MAX_FILE_BYTES_PROPERTY = "hestyle.image.maxFileBytes";

    /** Checks that both bounds are positive and that the file bound fits a Java array. */
    public ImageLimits {
        if (maxPixels <= 0 || maxFileBytes <= 0) {
            throw new IllegalArgumentException("image limits must be positive, got " + maxPixels + " pixels and "
                    + maxFileBytes + " bytes");
        }
        if (maxFileBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxFileBytes must not exceed " + (Integer.MAX_VALUE - 16) + ", got " + maxFileBytes);
        }
    }

    /**
     * The limits in force: the defaults, or the system properties where set.
     *
     * @throws ImageFileException if a property is set but is not a positive integer
     */
    public static ImageLimits defaults() {
        return new ImageLimits(property(MAX_PIXELS_PROPERTY, DEFAULT_MAX_PIXELS),
                property(MAX_FILE_BYTES_PROPERTY, DEFAULT_MAX_FILE_BYTES));
    }

    private static long property(String name, long fallback) {
        String s = System.getProperty(name);
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(s.strip().replace("_", ""));
            if (v > 0 && (!name.equals(MAX_FILE_BYTES_PROPERTY) || v <= Integer.MAX_VALUE - 16)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ImageFileException("system property " + name + " must be a positive integer"
                + (name.equals(MAX_FILE_BYTES_PROPERTY) ? " below 2 GiB" : "") + ", got '" + s + "'");
    }
}
