package dev.hestyle.backend.openfhe;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.backend.openfhe.jni.NativeCiphertext;
import dev.hestyle.backend.openfhe.jni.NativeEvaluator;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.Metered;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server-side operations with evaluation keys only. Safe for concurrent use from several threads
 * (OpenFHE is built without OpenMP here, so independent operations in parallel threads are the way to
 * use several cores). Missing keys and exhausted levels are reported before any native call.
 */
final class OpenFheEvaluator implements Evaluator, Metered {
    /** Meter figure: the rotations after the first of composed steps, over the evaluator's life. */
    static final String COMPOSED_ROTATIONS = "composed_rotation_count";
    private final LongAdder composedRotations = new LongAdder();
    private final NativeEvaluator evaluator;
    private final OpenFheEvalKeys keys;
    private final String keyId;
    /** OpenFHE's tag of the keys: inputs are bound to it (see {@link OpenFheCt}). */
    private final String nativeTag;
    private final int slots;
    private final boolean bootstrapping;
    private final int reservedLevels;

    OpenFheEvaluator(NativeEvaluator evaluator, OpenFheEvalKeys keys, boolean bootstrapping, int reservedLevels) {
        this.evaluator = evaluator;
        this.keys = keys;
        this.keyId = keys.keyId();
        this.nativeTag = keys.nativeKeys().keyTag();
        this.slots = evaluator.slots();
        this.bootstrapping = bootstrapping;
        this.reservedLevels = reservedLevels;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public Ct add(Ct a, Ct b) {
        return wrap(evaluator.add(in(a), in(b)));
    }

    @Override
    public Ct sub(Ct a, Ct b) {
        return wrap(evaluator.sub(in(a), in(b)));
    }

    @Override
    public Ct addConst(Ct a, double c) {
        return wrap(evaluator.addConst(in(a), c));
    }

    @Override
    public Ct addPlain(Ct a, double[] values) {
        return wrap(evaluator.addPlain(in(a), values));
    }

    @Override
    public Ct mulConst(Ct a, double c) {
        return wrap(evaluator.mulConst(multiplicand(a), c));
    }

    @Override
    public Ct mulPlain(Ct a, double[] values) {
        return wrap(evaluator.mulPlain(multiplicand(a), values));
    }

    @Override
    public Ct mul(Ct a, Ct b) {
        if (!keys.hasRelinearization()) {
            throw new EvaluationException("ciphertext multiplication needs the relinearisation key; request it in the KeyRequest");
        }
        return wrap(evaluator.mul(multiplicand(a), multiplicand(b)));
    }

    @Override
    public Ct rotate(Ct a, int steps) {
        NativeCiphertext ct = operand(a);
        int[] rotations = ringRotations(steps);
        if (rotations.length == 0) {
            return wrap(ct.copy());
        }
        return wrap(then(evaluator.rotate(ct, rotations[0]), rotations));
    }

    /**
     * {@inheritDoc}
     *
     * <p>A step served by several rotations ({@link RotationKeyChoice#compose}) takes its first one in the hoisted
     * batch and the others after it.
     */
    @Override
    public Ct[] rotateHoisted(Ct a, int[] steps) {
        NativeCiphertext ct = operand(a);
        Objects.requireNonNull(steps, "steps");
        int[][] ringRotations = new int[steps.length][];
        int nonZero = 0;
        for (int i = 0; i < steps.length; i++) {
            ringRotations[i] = ringRotations(steps[i]);
            if (ringRotations[i].length > 0) {
                nonZero++;
            }
        }
        int[] rotating = new int[nonZero];
        for (int i = 0, j = 0; i < steps.length; i++) {
            if (ringRotations[i].length > 0) {
                rotating[j++] = ringRotations[i][0];
            }
        }
        NativeCiphertext[] rotated = nonZero == 0 ? new NativeCiphertext[0] : evaluator.rotateHoisted(ct, rotating);
        Ct[] result = new Ct[steps.length];
        int j = 0;
        try {
            for (int i = 0; i < steps.length; i++) {
                int[] r = ringRotations[i];
                result[i] = wrap(r.length == 0 ? ct.copy() : then(rotated[j++], r));
            }
        } catch (RuntimeException e) {
            // free what this call made before reporting: the caller never sees these handles
            for (; j < rotated.length; j++) {
                rotated[j].close();
            }
            for (Ct done : result) {
                if (done != null) {
                    done.close();
                }
            }
            throw e;
        }
        return result;
    }

    /** {@code first} (rotated by {@code rotations[0]}) rotated by the rest of {@code rotations}; each intermediate is freed. */
    private NativeCiphertext then(NativeCiphertext first, int[] rotations) {
        NativeCiphertext ct = first;
        for (int i = 1; i < rotations.length; i++) {
            try (NativeCiphertext previous = ct) {
                composedRotations.increment();
                ct = evaluator.rotate(previous, rotations[i]);
            }
        }
        return ct;
    }

    /** Rotations done after the first of a composed step: key switches beyond the plan's count. */
    @Override
    public Map<String, Object> meter() {
        return Map.of(COMPOSED_ROTATIONS, composedRotations.sum());
    }

    /**
     * {@inheritDoc}
     *
     * <p>A ciphertext at level 0 can be bootstrapped (the parameter set keeps a level in reserve for
     * it). One that already has at least {@code levelsAfterBootstrap} levels comes back unchanged, as
     * OpenFHE then skips the work.
     */
    @Override
    public Ct bootstrap(Ct a) {
        if (!bootstrapping || !keys.hasBootstrapping()) {
            throw new EvaluationException("bootstrapping needs bootstrapping parameters and keys; request them");
        }
        NativeCiphertext input = in(a);
        if (a.level() < 0) {
            throw new EvaluationException("the ciphertext has used the level bootstrapping needs (level " + a.level() + ")");
        }
        return wrap(evaluator.bootstrap(input));
    }

    /** Native operations only read the shared keys and context, and are deterministic functions of their inputs. */
    @Override
    public boolean concurrent() {
        return true;
    }

    @Override
    public void close() {
        evaluator.close();
    }

    private NativeCiphertext in(Ct ct) {
        return OpenFheCt.unwrap(ct, keyId, nativeTag);
    }

    /** {@code ct} for a product or rotation: at scale degree 1 ({@link OpenFheCt#operand}). */
    private NativeCiphertext operand(Ct ct) {
        return OpenFheCt.operand(ct, keyId, nativeTag, evaluator);
    }

    private NativeCiphertext multiplicand(Ct ct) {
        NativeCiphertext in = operand(ct);
        if (ct.level() < 1) {
            throw new EvaluationException("no level left for a multiplication (level " + ct.level() + ")");
        }
        return in;
    }

    /** The ring rotations that rotate the slots left by {@code steps} (none for 0), checked against the keys. */
    private int[] ringRotations(int steps) {
        int step = Math.floorMod(steps, slots);
        if (step == 0) {
            return new int[0];
        }
        int[] rotations = keys.ringRotations(step);
        if (rotations.length == 0) {
            throw new EvaluationException("no rotation key for step " + steps + " (" + step + " of " + slots
                    + " slots); add it to the KeyRequest");
        }
        return rotations;
    }

    private Ct wrap(NativeCiphertext ct) {
        return new OpenFheCt(ct, keyId, reservedLevels);
    }
}
