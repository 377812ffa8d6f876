package dev.hestyle.mosaic;

/**
 * The height and width the network runs at. The TransformerNet is fully convolutional, so any size works whose
 * sides survive its two stride-2 convolutions and two 2x upsamplings unchanged: multiples of {@value #MULTIPLE}.
 *
 * @param height rows, a positive multiple of {@value #MULTIPLE}
 * @param width columns, a positive multiple of {@value #MULTIPLE}
 */
public record ImageSize(int height, int width) {
    /** Every side is a multiple of this: 2 (stride) x 2 (stride), undone by the two upsamplings. */
    public static final int MULTIPLE = 4;
    /** The size the network was trained and first deployed at. */
    public static final ImageSize DEFAULT = new ImageSize(32, 32);

    /**
     * @throws ImageSizeException if a side is not a positive multiple of {@value #MULTIPLE}
     */
    public ImageSize {
        if (height < 1 || width < 1 || height % MULTIPLE != 0 || width % MULTIPLE != 0) {
            throw new ImageSizeException("image size " + height + "x" + width + " (height x width) is not supported: both sides must be "
                    + "positive multiples of " + MULTIPLE + ", because the network halves them twice and doubles them twice");
        }
    }

    /** {@code side} x {@code side}. */
    public static ImageSize square(int side) {
        return new ImageSize(side, side);
    }

    /**
     * The size whose longer side is {@code longerSide} and whose other side keeps the aspect ratio of a
     * {@code sourceWidth} x {@code sourceHeight} image, rounded to the nearest multiple of {@value #MULTIPLE}
     * (at least {@value #MULTIPLE}). A source already of that size gives its own size, so it is not resampled.
     *
     * @throws ImageSizeException if {@code longerSide} is not a positive multiple of {@value #MULTIPLE}
     * @throws IllegalArgumentException if a source side is not positive
     */
    public static ImageSize fitLongerSide(int longerSide, int sourceWidth, int sourceHeight) {
        if (sourceWidth < 1 || sourceHeight < 1) {
            throw new IllegalArgumentException("source image size must be positive, got " + sourceWidth + "x" + sourceHeight);
        }
        requireLongerSide(longerSide);
        int longer = Math.max(sourceWidth, sourceHeight);
        int shorter = Math.min(sourceWidth, sourceHeight);
        long rounded = Math.round((double) longerSide * shorter / longer / MULTIPLE) * MULTIPLE;
        int other = (int) Math.max(MULTIPLE, Math.min(longerSide, rounded));
        return sourceWidth >= sourceHeight ? new ImageSize(other, longerSide) : new ImageSize(longerSide, other);
    }

    /**
     * Checks a longer side for {@link #fitLongerSide} before any image is at hand.
     *
     * @return {@code longerSide}
     * @throws ImageSizeException if it is not a positive multiple of {@value #MULTIPLE}
     */
    public static int requireLongerSide(int longerSide) {
        if (longerSide < 1 || longerSide % MULTIPLE != 0) {
            throw new ImageSizeException("the longer side must be a positive multiple of " + MULTIPLE + ", got " + longerSide);
        }
        return longerSide;
    }

    /** {@code "HxW"}, e.g. {@code "96x128"}: height first, as the command-line option takes it. */
    @Override
    public String toString() {
        return height + "x" + width;
    }
}
