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

    /** A rotation step in 1..slots-1 (callers normalise). */
    static int step(int step, int slots) {
        if (step < 1 || step >= slots) {
            throw new IllegalArgumentException("rotation step " + step + " outside 1.." + (slots - 1));
        }
        return step;
    }
}
