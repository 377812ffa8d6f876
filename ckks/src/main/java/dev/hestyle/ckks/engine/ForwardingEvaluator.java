package dev.hestyle.ckks.engine;

import java.util.Map;
import java.util.Objects;

/**
 * An evaluator that hands every operation to another one, for wrappers that change or observe a few of them. Passes
 * through the wrapped evaluator's {@link Metered} figures and {@link RangeCheck}s. Whether closing it closes the
 * wrapped evaluator is the subclass's choice.
 */
public abstract class ForwardingEvaluator implements Evaluator, Metered, RangeCheck {
    /** The evaluator every operation goes to. */
    protected final Evaluator inner;

    protected ForwardingEvaluator(Evaluator inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public int slots() {
        return inner.slots();
    }

    @Override
    public Ct add(Ct a, Ct b) {
        return inner.add(a, b);
    }

    @Override
    public Ct sub(Ct a, Ct b) {
        return inner.sub(a, b);
    }

    @Override
    public Ct addConst(Ct a, double c) {
        return inner.addConst(a, c);
    }

    @Override
    public Ct addPlain(Ct a, double[] values) {
        return inner.addPlain(a, values);
    }

    @Override
    public Ct mulConst(Ct a, double c) {
        return inner.mulConst(a, c);
    }

    @Override
    public Ct mulPlain(Ct a, double[] values) {
        return inner.mulPlain(a, values);
    }

    @Override
    public Ct mul(Ct a, Ct b) {
        return inner.mul(a, b);
    }

    @Override
    public Ct rotate(Ct a, int steps) {
        return inner.rotate(a, steps);
    }

    @Override
    public Ct[] rotateHoisted(Ct a, int[] steps) {
        return inner.rotateHoisted(a, steps);
    }

    @Override
    public Ct bootstrap(Ct a) {
        return inner.bootstrap(a);
    }

    @Override
    public boolean concurrent() {
        return inner.concurrent();
    }

    @Override
    public void checkActivationInput(Ct ct, ActivationInterval interval) {
        if (inner instanceof RangeCheck rc) {
            rc.checkActivationInput(ct, interval);
        }
    }

    /** The wrapped evaluator's figures, or an empty map. */
    @Override
    public Map<String, Object> meter() {
        return inner instanceof Metered m ? m.meter() : Map.of();
    }
}
