package dev.hestyle.ckks.layout;

import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.Locale;

/**
 * Where each element of a tensor lives in a vector of {@code slots} cyclic slots.
 *
 * <p>All tensors of a program share one grid of {@code gridHeight x gridWidth} slots per block (for the
 * Mosaic network 32x32). A tensor of {@code H x W} has gaps {@code gy = gridHeight / H},
 * {@code gx = gridWidth / W}; its pixel {@code (y, x)} of channel {@code c} sits on grid position
 * {@code (gy*y + a, gx*x + b)}, where {@code (a, b)} index the channel within a group of {@code gy*gx}
 * channels and the groups fill successive blocks. With gaps of 1 this is the channel-major layout; with
 * larger gaps it is the multiplexed layout of Lee et al. (ICML 2022), in which a pixel keeps its place on
 * the grid across resolutions, so strides and upsampling become position-independent slot offsets.
 *
 * <p>The used blocks are replicated to fill every slot: the layout repeats with {@link #period()}, the
 * smallest power of two holding all blocks. A linear map may read any replica (which lets it merge
 * diagonals that differ by a multiple of the period) and writes all of them at no extra cost.
 */
public final class SlotLayout {
    private final Shape shape;
    private final int gridHeight;
    private final int gridWidth;
    private final int slots;
    private final int gapY;
    private final int gapX;
    private final int blocks;
    private final int period;
    private final int[] base;

    private SlotLayout(Shape shape, int gridHeight, int gridWidth, int slots) {
        this.shape = shape;
        this.gridHeight = gridHeight;
        this.gridWidth = gridWidth;
        this.slots = slots;
        this.gapY = gridHeight / shape.height();
        this.gapX = gridWidth / shape.width();
        int group = gapY * gapX;
        this.blocks = (shape.channels() + group - 1) / group;
        this.period = ceilPow2(blocks * gridHeight * gridWidth);
        this.base = new int[shape.size()];
        int i = 0;
        for (int c = 0; c < shape.channels(); c++) {
            int block = c / group;
            int a = (c % group) / gapX;
            int b = c % gapX;
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    base[i++] = block * gridHeight * gridWidth + (gapY * y + a) * gridWidth + gapX * x + b;
                }
            }
        }
    }

    /**
     * The layout of {@code shape} on a {@code gridHeight x gridWidth} grid in {@code slots} slots.
     *
     * @throws IllegalArgumentException if the grid is not a multiple of the tensor's height and width, the
     *                                  slot count is not a power of two, or the tensor does not fit
     */
    public static SlotLayout of(Shape shape, int gridHeight, int gridWidth, int slots) {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slot count must be a power of two, got " + slots);
        }
        if (gridHeight % shape.height() != 0 || gridWidth % shape.width() != 0) {
            throw new IllegalArgumentException("a " + shape + " tensor does not divide the " + gridHeight + "x" + gridWidth
                    + " slot grid: every height and width in the network must divide the largest one");
        }
        int group = (gridHeight / shape.height()) * (gridWidth / shape.width());
        long used = (long) ((shape.channels() + group - 1) / group) * gridHeight * gridWidth;
        if (used > slots) {
            throw new IllegalArgumentException("a " + shape + " tensor needs " + used + " slots on a " + gridHeight + "x"
                    + gridWidth + " grid, more than the " + slots + " of one ciphertext");
        }
        return new SlotLayout(shape, gridHeight, gridWidth, slots);
    }

    /** Smallest power of two {@code >= v} (v >= 1). */
    static int ceilPow2(int v) {
        return v <= 1 ? 1 : Integer.highestOneBit(v - 1) << 1;
    }

    public Shape shape() {
        return shape;
    }

    public int slots() {
        return slots;
    }

    public int gridHeight() {
        return gridHeight;
    }

    public int gridWidth() {
        return gridWidth;
    }

    /** Vertical gap between neighbouring pixels of one channel (1 for channel-major). */
    public int gapY() {
        return gapY;
    }

    /** Horizontal gap between neighbouring pixels of one channel (1 for channel-major). */
    public int gapX() {
        return gapX;
    }

    /** Number of grid blocks the channels occupy. */
    public int blocks() {
        return blocks;
    }

    /** The replication period: a power of two dividing {@link #slots()}; slot {@code s} and {@code s + period} hold the same element. */
    public int period() {
        return period;
    }

    /** How many copies of the tensor the slot vector holds. */
    public int replicas() {
        return slots / period;
    }

    /** Whether each channel sits contiguously (gaps of 1). */
    public boolean channelMajor() {
        return gapY == 1 && gapX == 1;
    }

    /** The slot of element {@code (c, y, x)} in the first replica. */
    public int slot(int c, int y, int x) {
        return base[(c * shape.height() + y) * shape.width() + x];
    }

    /** The slot, in the first replica, of the element at CHW index {@code index}. */
    public int slotOf(int index) {
        return base[index];
    }

    /** Packs {@code t} (which must have this layout's shape) into a full slot vector, every replica filled. */
    public double[] pack(Tensor t) {
        return pack(t, 1.0);
    }

    /** Packs {@code t / divisor}: values are stored divided by the program's scale factor at this point. */
    public double[] pack(Tensor t, double divisor) {
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException("tensor of shape " + t.shape() + " does not fit layout for " + shape);
        }
        double[] data = t.data();
        double[] out = new double[slots];
        for (int r = 0; r < slots; r += period) {
            for (int i = 0; i < data.length; i++) {
                out[r + base[i]] = data[i] / divisor;
            }
        }
        return out;
    }

    /** Reads the tensor back from the first replica of {@code slotValues}. */
    public Tensor unpack(double[] slotValues) {
        return unpack(slotValues, 1.0);
    }

    /** Reads the tensor from the first replica, multiplying every value by {@code multiplier}. */
    public Tensor unpack(double[] slotValues, double multiplier) {
        if (slotValues.length < period) {
            throw new IllegalArgumentException("slot vector of " + slotValues.length + " values is shorter than the layout period " + period);
        }
        double[] out = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            out[i] = slotValues[base[i]] * multiplier;
        }
        return Tensor.wrap(shape, out);
    }

    /** A stable one-line description, also part of the plan hash. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %s%s, %d block(s) of %dx%d, %d replica(s)", shape,
                channelMajor() ? "channel-major" : "multiplexed gap ", channelMajor() ? "" : gapY + "x" + gapX,
                blocks, gridHeight, gridWidth, replicas());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotLayout l && shape.equals(l.shape) && gridHeight == l.gridHeight && gridWidth == l.gridWidth
                && slots == l.slots;
    }

    @Override
    public int hashCode() {
        return ((shape.hashCode() * 31 + gridHeight) * 31 + gridWidth) * 31 + slots;
    }

    @Override
    public String toString() {
        return describe();
    }
}
