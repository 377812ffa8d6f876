package dev.hestyle.ckks.batch;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.ForwardingEvaluator;

/**
 * One image's view of an evaluator whose ciphertexts hold a batch of interleaved images: a program planned for
 * {@link Interleaving#slots()} slots runs on it unchanged and computes every image of the batch. Slot-wise operations
 * and bootstraps pass through; rotations are scaled and plaintexts repeated ({@link Interleaving}). Range checks see
 * every image's slots. Owns the wrapped evaluator.
 */
public final class InterleavedEvaluator extends ForwardingEvaluator {
    private final Interleaving batch;

    public InterleavedEvaluator(Evaluator inner, Interleaving batch) {
        super(inner);
        if (inner.slots() != batch.engineSlots()) {
            throw new IllegalArgumentException("the evaluator has " + inner.slots() + " slots, the batch needs " + batch.engineSlots());
        }
        this.batch = batch;
    }

    @Override
    public int slots() {
        return batch.slots();
    }

    @Override
    public Ct addPlain(Ct a, double[] values) {
        return inner.addPlain(a, batch.repeat(values));
    }

    @Override
    public Ct mulPlain(Ct a, double[] values) {
        return inner.mulPlain(a, batch.repeat(values));
    }

    @Override
    public Ct rotate(Ct a, int steps) {
        return inner.rotate(a, batch.engineSteps(steps));
    }

    @Override
    public Ct[] rotateHoisted(Ct a, int[] steps) {
        int[] s = new int[steps.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = batch.engineSteps(steps[i]);
        }
        return inner.rotateHoisted(a, s);
    }

    @Override
    public void close() {
        inner.close();
    }
}
