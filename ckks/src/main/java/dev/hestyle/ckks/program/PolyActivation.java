package dev.hestyle.ckks.program;

import dev.hestyle.ckks.engine.ActivationInterval;
import dev.hestyle.ckks.poly.ChebyshevSeries;
import java.util.Objects;

/**
 * A ReLU replaced by a polynomial on [-1, 1]: the input is stored divided by the interval bound {@code a}, and
 * the output is {@code outputFactor * p(t) ≈ relu(a t) / m} for the multiplier {@code m} of the next value
 * ({@code outputFactor = a / m}, folded into the coefficients, so it costs nothing).
 *
 * @param label the ReLU's place in the network
 * @param fit the fitted polynomial approximating {@code relu(t)} on [-1, 1]
 * @param interval the calibrated input interval
 * @param outputFactor {@code a / m}
 */
public record PolyActivation(String label, ChebyshevSeries fit, ActivationInterval interval, double outputFactor) implements Step {
    public PolyActivation {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(interval, "interval");
        if (!(outputFactor > 0) || Double.isInfinite(outputFactor)) {
            throw new IllegalArgumentException("output factor must be positive and finite, got " + outputFactor);
        }
    }

    /** The series actually evaluated: the fit times {@link #outputFactor}. */
    public ChebyshevSeries evaluated() {
        double[] c = fit.coefficients();
        for (int i = 0; i < c.length; i++) {
            c[i] *= outputFactor;
        }
        return ChebyshevSeries.of(c);
    }

    /** Levels consumed. */
    public int depth() {
        return fit.depth();
    }

    @Override
    public String kind() {
        return "relu-poly";
    }
}
