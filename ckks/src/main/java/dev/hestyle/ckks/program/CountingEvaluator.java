package dev.hestyle.ckks.program;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.ForwardingEvaluator;
import dev.hestyle.ckks.engine.Metered;
import dev.hestyle.ckks.engine.RangeCheck;
import dev.hestyle.spi.OpCounts;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the operations a program performs on another evaluator: the single place op counts are made, so
 * that they mean the same for every engine. A rotation by 0 is no rotation; a hoisted call counts each
 * distinct non-zero step once; plaintext and constant multiplications count together. Passes through
 * {@link Metered} figures and {@link RangeCheck}s of the wrapped evaluator. Thread-safe if the wrapped
 * evaluator is. Closing it does not close the wrapped evaluator, which belongs to its creator.
 */
public final class CountingEvaluator extends ForwardingEvaluator {
    private final AtomicLong rotations = new AtomicLong();
    private final AtomicLong ctMults = new AtomicLong();
    private final AtomicLong ptMults = new AtomicLong();
    private final AtomicLong bootstraps = new AtomicLong();

    public CountingEvaluator(Evaluator inner) {
        super(inner);
    }

    /** Counts so far. */
    public OpCounts counts() {
        return new OpCounts(rotations.get(), ctMults.get(), ptMults.get(), bootstraps.get());
    }

    /** The wrapped evaluator. */
    public Evaluator inner() {
        return inner;
    }

    @Override
    public Ct mulConst(Ct a, double c) {
        Ct r = inner.mulConst(a, c);
        ptMults.incrementAndGet();
        return r;
    }

    @Override
    public Ct mulPlain(Ct a, double[] values) {
        Ct r = inner.mulPlain(a, values);
        ptMults.incrementAndGet();
        return r;
    }

    @Override
    public Ct mul(Ct a, Ct b) {
        Ct r = inner.mul(a, b);
        ctMults.incrementAndGet();
        return r;
    }

    @Override
    public Ct rotate(Ct a, int steps) {
        Ct r = inner.rotate(a, steps);
        if (Math.floorMod(steps, inner.slots()) != 0) {
            rotations.incrementAndGet();
        }
        return r;
    }

    @Override
    public Ct[] rotateHoisted(Ct a, int[] steps) {
        Ct[] r = inner.rotateHoisted(a, steps);
        rotations.addAndGet(java.util.Arrays.stream(steps).map(s -> Math.floorMod(s, inner.slots())).filter(s -> s != 0).distinct().count());
        return r;
    }

    @Override
    public Ct bootstrap(Ct a) {
        Ct r = inner.bootstrap(a);
        bootstraps.incrementAndGet();
        return r;
    }

    /** As the wrapped evaluator: the counters are atomic. */
    @Override
    public boolean concurrent() {
        return inner.concurrent();
    }

    /** Does not close the wrapped evaluator. */
    @Override
    public void close() {
        // the wrapped evaluator belongs to whoever created it
    }
}
