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
 * <p>When the blocks fit one ciphertext of {@code slots} slots they are replicated to fill every slot: the
 * layout repeats with {@link #period()}, the smallest power of two holding all blocks. A linear map may read
 * any replica (which lets it merge diagonals that differ by a multiple of the period) and writes all of them
 * at no extra cost. When they do not fit, the blocks are laid end to end over as many ciphertexts as they
 * need ({@link #ciphertexts()}), without replicas: position {@code p} of that long vector is slot
 * {@code p mod slots} of ciphertext {@code p / slots}. A tensor of any size thus has a layout; only the
 * ciphertext count grows.
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
    private final int ciphertexts;
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
        int used = blocks * gridHeight * gridWidth;
        this.ciphertexts = used <= slots ? 1 : (used + slots - 1) / slots;
        this.period = ciphertexts == 1 ? ceilPow2(used) : ciphertexts * slots;
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
     *                                  slot count is not a power of two, or the layout would need more than
     *                                  {@link Integer#MAX_VALUE} positions
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
        if (used + slots > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a " + shape + " tensor needs " + used + " slots on a " + gridHeight + "x"
                    + gridWidth + " grid, more than a layout can address");
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

    /** Slots per ciphertext. */
    public int slots() {
        return slots;
    }

    /** How many ciphertexts the tensor occupies (1 when it fits one, replicated). */
    public int ciphertexts() {
        return ciphertexts;
    }

    /** Whether the tensor fits one (replicated) ciphertext. */
    public boolean single() {
        return ciphertexts == 1;
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

    /**
     * The replication period of a single-ciphertext layout: a power of two dividing {@link #slots()}; slot
     * {@code s} and {@code s + period} hold the same element. For a multi-ciphertext layout, the length of the
     * whole position vector ({@code ciphertexts() * slots()}).
     */
    public int period() {
        return period;
    }

    /** How many copies of the tensor the slot vector holds. */
    public int replicas() {
        return ciphertexts == 1 ? slots / period : 1;
    }

    /** Whether each channel sits contiguously (gaps of 1). */
    public boolean channelMajor() {
        return gapY == 1 && gapX == 1;
    }

    /** The position of element {@code (c, y, x)}: its slot in the first replica, or ciphertext × slots + slot. */
    public int slot(int c, int y, int x) {
        return base[(c * shape.height() + y) * shape.width() + x];
    }

    /** The position of the element at CHW index {@code index} (see {@link #slot(int, int, int)}). */
    public int slotOf(int index) {
        return base[index];
    }

    /** Packs a single-ciphertext tensor into a full slot vector, every replica filled. */
    public double[] pack(Tensor t) {
        return pack(t, 1.0);
    }

    /**
     * Packs {@code t / divisor} of a single-ciphertext layout.
     *
     * @throws IllegalStateException if the layout spans several ciphertexts (use {@link #packAll})
     */
    public double[] pack(Tensor t, double divisor) {
        requireSingle();
        return packAll(t, divisor)[0];
    }

    /** Packs {@code t / divisor} (values are stored divided by the program's scale factor at this point), one vector per ciphertext. */
    public double[][] packAll(Tensor t, double divisor) {
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException("tensor of shape " + t.shape() + " does not fit layout for " + shape);
        }
        double[] data = t.data();
        double[][] out = new double[ciphertexts][slots];
        if (ciphertexts == 1) {
            for (int r = 0; r < slots; r += period) {
                for (int i = 0; i < data.length; i++) {
                    out[0][r + base[i]] = data[i] / divisor;
                }
            }
        } else {
            for (int i = 0; i < data.length; i++) {
                out[base[i] / slots][base[i] % slots] = data[i] / divisor;
            }
        }
        return out;
    }

    /** Reads a single-ciphertext tensor back from the first replica of {@code slotValues}. */
    public Tensor unpack(double[] slotValues) {
        return unpack(slotValues, 1.0);
    }

    /** Reads a single-ciphertext tensor from the first replica, multiplying every value by {@code multiplier}. */
    public Tensor unpack(double[] slotValues, double multiplier) {
        requireSingle();
        return unpackAll(new double[][] {slotValues}, multiplier);
    }

    /**
     * Reads the tensor from one slot vector per ciphertext (the first replica of each), multiplying every value by
     * {@code multiplier}.
     */
    public Tensor unpackAll(double[][] slotValues, double multiplier) {
        if (slotValues.length != ciphertexts) {
            throw new IllegalArgumentException("a " + shape + " tensor occupies " + ciphertexts + " ciphertext(s), got " + slotValues.length);
        }
        for (double[] v : slotValues) {
            if (v.length < Math.min(period, slots)) {
                throw new IllegalArgumentException("slot vector of " + v.length + " values is shorter than the layout needs (" + Math.min(period, slots) + ")");
            }
        }
        double[] out = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            out[i] = slotValues[base[i] / slots][base[i] % slots] * multiplier;
        }
        return Tensor.wrap(shape, out);
    }

    private void requireSingle() {
        if (ciphertexts != 1) {
            throw new IllegalStateException("a " + shape + " tensor spans " + ciphertexts + " ciphertexts; use the multi-ciphertext methods");
        }
    }

    /** A stable one-line description, also part of the plan hash. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %s%s, %d block(s) of %dx%d, %s", shape,
                channelMajor() ? "channel-major" : "multiplexed gap ", channelMajor() ? "" : gapY + "x" + gapX,
                blocks, gridHeight, gridWidth, ciphertexts == 1 ? replicas() + " replica(s)" : ciphertexts + " ciphertexts");
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
