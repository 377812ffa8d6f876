package dev.hestyle.ckks.linear;

import dev.hestyle.ckks.layout.SlotLayout;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link TensorAffine} placed between two slot layouts: its non-zero diagonals and bias on slots.
 * Diagonal {@code d} holds, in output slot {@code i}, the weight with which input slot {@code i + d}
 * contributes. Offsets are taken modulo the input's replication period (any replica of the input may be
 * read), and each diagonal repeats with {@link #period()}, the larger of the two layouts' periods, so
 * only that much is stored. How the diagonals are then evaluated is {@link LinearMap}'s business.
 */
public final class SlotMatrix {
    private final SlotLayout in;
    private final SlotLayout out;
    private final int period;
    private final Map<Integer, double[]> diagonals;
    private final double[] bias;

    private SlotMatrix(SlotLayout in, SlotLayout out, int period, Map<Integer, double[]> diagonals, double[] bias) {
        this.in = in;
        this.out = out;
        this.period = period;
        this.diagonals = Collections.unmodifiableMap(diagonals);
        this.bias = bias;
    }

    /**
     * Places {@code affine} between {@code in} and {@code out}.
     *
     * @throws IllegalArgumentException if the shapes or slot counts do not match
     */
    public static SlotMatrix of(TensorAffine affine, SlotLayout in, SlotLayout out) {
        if (!affine.inputShape().equals(in.shape()) || !affine.outputShape().equals(out.shape())) {
            throw new IllegalArgumentException("map " + affine.inputShape() + " -> " + affine.outputShape() + " does not fit layouts "
                    + in.shape() + " -> " + out.shape());
        }
        if (in.slots() != out.slots()) {
            throw new IllegalArgumentException("layouts have different slot counts: " + in.slots() + " vs " + out.slots());
        }
        int pin = in.period();
        int pout = out.period();
        int q = Math.max(pin, pout);
        Map<Integer, double[]> byOffset = new TreeMap<>();
        int outCount = out.shape().size();
        for (int row = 0; row < outCount; row++) {
            int so = out.slotOf(row);
            // output replicas within one stored period may read different input replicas
            for (int i = so; i < q; i += pout) {
                for (int k = affine.rowStart(row); k < affine.rowEnd(row); k++) {
                    double w = affine.weight(k);
                    if (w != 0) {
                        int d = Math.floorMod(in.slotOf(affine.column(k)) - i, pin);
                        byOffset.computeIfAbsent(d, x -> new double[q])[i] += w;
                    }
                }
            }
        }
        byOffset.values().removeIf(SlotMatrix::allZero);
        double[] bias = new double[pout];
        boolean anyBias = false;
        for (int row = 0; row < outCount; row++) {
            double c = affine.constant(row);
            bias[out.slotOf(row)] = c;
            anyBias |= c != 0;
        }
        return new SlotMatrix(in, out, q, byOffset, anyBias ? bias : null);
    }

    private static boolean allZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    public SlotLayout inputLayout() {
        return in;
    }

    public SlotLayout outputLayout() {
        return out;
    }

    /** Every diagonal repeats with this period (a power of two dividing the slot count). */
    public int period() {
        return period;
    }

    /** The non-zero diagonal offsets, ascending, each in {@code [0, input period)}. */
    public int[] offsets() {
        return diagonals.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Diagonal {@code d}, one period long (shared: do not modify), or {@code null}. */
    double[] diagonal(int d) {
        return diagonals.get(d);
    }

    /** The bias, one output period long (shared), or {@code null} if zero. */
    double[] bias() {
        return bias;
    }

    /** The split with the fewest rotations for these offsets. */
    public BsgsSplit bestSplit() {
        return BsgsSplit.choose(offsets(), in.period());
    }
}
