package dev.hestyle.backend.openfhe.jni;

import java.util.Objects;

/** Checks of slot vectors before they are handed to native code. */
final class Values {
    private Values() {
    }

    /** A vector of at most {@code slots} finite numbers. */
    static double[] slotVector(double[] values, int slots, String what) {
        Objects.requireNonNull(values, what);
        if (values.length > slots) {
            throw new IllegalArgumentException(what + " has " + values.length + " values, more than the " + slots + " slots");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i]);
            }
        }
        return values;
    }

    static double finite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " is " + value);
        }
        return value;
    }

    /**
     * A left rotation of the ring's N/2 slots in 1..N/2-1 (callers normalise). With fewer slots than N/2
     * the slot vector repeats, so a rotation by step + k*slots rotates the slots by step.
     */
    static int rotation(int rotation, ContextSpec spec) {
        int ringSlots = spec.ringDimension() / 2;
        if (rotation < 1 || rotation >= ringSlots) {
            throw new IllegalArgumentException("rotation " + rotation + " outside 1.." + (ringSlots - 1));
        }
        return rotation;
    }
}
