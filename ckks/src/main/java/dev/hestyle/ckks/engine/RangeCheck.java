package dev.hestyle.ckks.engine;


/**
 * Optionally implemented by an {@link dev.hestyle.ckks.engine.Evaluator} that can see slot values (a
 * simulator, a test engine; never a real encrypted engine). The interpreter calls it before every
 * polynomial activation so that an input outside its calibrated interval is reported as an
 * {@link dev.hestyle.api.EvaluationException} naming the layer, instead of producing garbage.
 */
public interface RangeCheck {

    /**
     * @throws dev.hestyle.api.EvaluationException with {@link ActivationInterval#violation} if any slot of
     *         {@code ct} lies outside {@link ActivationInterval#STORED_LIMIT} (plus the engine's own noise tolerance)
     */
    void checkActivationInput(Ct ct, ActivationInterval interval);
}
