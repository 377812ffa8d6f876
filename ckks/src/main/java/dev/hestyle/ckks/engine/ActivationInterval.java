package dev.hestyle.ckks.engine;

import java.util.Locale;

/**
 * The calibrated input interval {@code [-bound, bound]} of one activation. The preceding linear map divides
 * by {@code bound}, so the stored values must lie in [-1, 1]; outside it the polynomial (and a bootstrap)
 * gives garbage, which is reported instead of returned.
 *
 * @param layer the activation's place in the network
 * @param bound the calibrated bound {@code a} (true values)
 */
public record ActivationInterval(String layer, double bound) {
    /** The limit on stored values. */
    public static final double STORED_LIMIT = 1.0;

    public ActivationInterval {
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("activation bound must be positive and finite, got " + bound);
        }
    }

    /** Whether a stored value lies inside the interval. */
    public boolean contains(double stored) {
        return Math.abs(stored) <= STORED_LIMIT;
    }

    /** The message for a stored value outside the interval at {@code slot}. */
    public String violation(int slot, double stored) {
        return String.format(Locale.ROOT, "activation input outside calibrated interval [-%.4g, %.4g] at layer %s: slot %d holds %.4g; "
                + "calibrate with inputs like this one (or a wider margin)", bound, bound, layer, slot, stored * bound);
    }
}
