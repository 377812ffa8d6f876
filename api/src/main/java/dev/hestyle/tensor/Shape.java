package dev.hestyle.tensor;

/**
 * The shape of one image-like tensor: channels x height x width (batch size is always 1).
 *
 * @param channels number of channels, at least 1
 * @param height rows, at least 1
 * @param width columns, at least 1
 */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    /** Number of values, {@code channels * height * width}. */
    public int size() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
