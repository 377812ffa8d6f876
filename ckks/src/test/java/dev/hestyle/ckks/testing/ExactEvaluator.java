package dev.hestyle.ckks.testing;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.ActivationInterval;
import dev.hestyle.ckks.engine.RangeCheck;
import java.util.Set;

/**
 * An exact evaluator on plain slot vectors for tests: level bookkeeping as every engine must do it (a
 * multiplication costs one level, add takes the lower, nothing below 0), rotation keys enforced, bootstrap
 * only on [-1, 1]. No noise and no cryptography: it checks the lowering, not an engine.
 */
public class ExactEvaluator implements Evaluator, RangeCheck {
    private final int n;
    private final Set<Integer> rotationKeys;
    private final int levelsAfterBootstrap;
    private final String keyId;

    /**
     * @param rotationKeys allowed rotation steps (normalised), or {@code null} for any
     */
    public ExactEvaluator(int slots, Set<Integer> rotationKeys, int levelsAfterBootstrap, String keyId) {
        this.n = slots;
        this.rotationKeys = rotationKeys;
        this.levelsAfterBootstrap = levelsAfterBootstrap;
        this.keyId = keyId;
    }

    public ExactEvaluator(int slots) {
        this(slots, null, 0, "test");
    }

    /** A fresh "encryption" at {@code level}. */
    public ExactCt encrypt(double[] values, int level) {
        if (values.length > n) {
            throw new IllegalArgumentException("too many values");
        }
        return made(new ExactCt(java.util.Arrays.copyOf(values, n), level, keyId));
    }

    protected ExactCt own(Ct c) {
        if (!(c instanceof ExactCt e)) {
            throw new IllegalArgumentException("not an exact ciphertext: " + c);
        }
        if (!e.keyId().equals(keyId)) {
            throw new IllegalArgumentException("ciphertext of key set " + e.keyId() + " given to evaluator of " + keyId);
        }
        return e;
    }

    private static void needLevel(ExactCt c, String op) {
        if (c.level() < 1) {
            throw new EvaluationException("out of levels at " + op);
        }
    }

    private double[] plain(double[] v) {
        if (v.length > n) {
            throw new IllegalArgumentException("plaintext longer than the slot count");
        }
        return java.util.Arrays.copyOf(v, n);
    }

    @Override
    public int slots() {
        return n;
    }

    @Override
    public Ct add(Ct a, Ct b) {
        double[] x = own(a).values();
        double[] y = own(b).values();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i] + y[i];
        }
        return made(new ExactCt(r, Math.min(a.level(), b.level()), keyId));
    }

    @Override
    public Ct sub(Ct a, Ct b) {
        double[] x = own(a).values();
        double[] y = own(b).values();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i] - y[i];
        }
        return made(new ExactCt(r, Math.min(a.level(), b.level()), keyId));
    }

    @Override
    public Ct addConst(Ct a, double c) {
        double[] x = own(a).values();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i] + c;
        }
        return made(new ExactCt(r, a.level(), keyId));
    }

    @Override
    public Ct addPlain(Ct a, double[] values) {
        double[] x = own(a).values();
        double[] p = plain(values);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i] + p[i];
        }
        return made(new ExactCt(r, a.level(), keyId));
    }

    @Override
    public Ct mulConst(Ct a, double c) {
        ExactCt e = own(a);
        needLevel(e, "mulConst");
        double[] x = e.values();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i] * c;
        }
        return made(new ExactCt(r, a.level() - 1, keyId));
    }

    @Override
    public Ct mulPlain(Ct a, double[] values) {
        ExactCt e = own(a);
        needLevel(e, "mulPlain");
        double[] x = e.values();
        double[] p = plain(values);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i] * p[i];
        }
        return made(new ExactCt(r, a.level() - 1, keyId));
    }

    @Override
    public Ct mul(Ct a, Ct b) {
        ExactCt e = own(a);
        ExactCt f = own(b);
        needLevel(e, "mul");
        needLevel(f, "mul");
        double[] x = e.values();
        double[] y = f.values();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i] * y[i];
        }
        return made(new ExactCt(r, Math.min(a.level(), b.level()) - 1, keyId));
    }

    @Override
    public Ct rotate(Ct a, int steps) {
        double[] x = own(a).values();
        int k = Math.floorMod(steps, n);
        if (k != 0 && rotationKeys != null && !rotationKeys.contains(k)) {
            throw new EvaluationException("no rotation key for " + k);
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[(i + rotationOffset(k)) % n];
        }
        return made(new ExactCt(r, a.level(), keyId));
    }

    /** The offset actually applied for a rotation by {@code k}; tests override it to prove a wrong rotation is caught. */
    protected int rotationOffset(int k) {
        return k;
    }

    @Override
    public Ct[] rotateHoisted(Ct a, int[] steps) {
        Ct[] r = new Ct[steps.length];
        int j = 0;
        try {
            for (; j < steps.length; j++) {
                r[j] = rotate(a, steps[j]);
            }
        } catch (RuntimeException e) {
            // like one native call: nothing of a failed hoisted rotation stays behind
            for (int i = 0; i < j; i++) {
                r[i].close();
            }
            throw e;
        }
        return r;
    }

    @Override
    public Ct bootstrap(Ct a) {
        double[] x = own(a).values();
        if (levelsAfterBootstrap <= 0) {
            throw new EvaluationException("this evaluator cannot bootstrap");
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(x[i]) > 1) {
                throw new EvaluationException("bootstrap input outside [-1, 1] at slot " + i + ": " + x[i]);
            }
        }
        return made(new ExactCt(x.clone(), levelsAfterBootstrap, keyId));
    }

    @Override
    public void checkActivationInput(Ct ct, ActivationInterval interval) {
        double[] x = own(ct).values();
        for (int i = 0; i < n; i++) {
            if (!interval.contains(x[i])) {
                throw new EvaluationException(interval.violation(i, x[i]));
            }
        }
    }

    /** Stateless apart from {@link #made}, which overrides must keep thread-safe. */
    @Override
    public boolean concurrent() {
        return true;
    }

    /** Every ciphertext this evaluator creates passes through here (tests track ownership with it). */
    protected ExactCt made(ExactCt ct) {
        return ct;
    }

    @Override
    public void close() {
        // nothing held
    }
}
