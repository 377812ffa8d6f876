package dev.hestyle.backend.simulated;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.backend.simulated.CostMeter.Kind;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.Metered;
import dev.hestyle.ckks.engine.ActivationInterval;
import dev.hestyle.ckks.engine.RangeCheck;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated server: exact slot arithmetic plus the errors of {@link NoiseModel}, the level budget and
 * key requirements of a real engine, and the modelled cost of every operation ({@link #meter()}).
 * <b>Nothing is encrypted</b>: the slots are plain numbers.
 *
 * <p>Refusals, as a real engine would fail: a multiplication at level 0 ("out of levels"), a rotation
 * without its key, a ciphertext product without a relinearisation key, a bootstrap without bootstrapping
 * keys, and a bootstrap whose input leaves [-1, 1] by more than the configured tolerance — real CKKS
 * bootstrapping only works on that interval, and the program keeps activation inputs there, so such a
 * value means an activation left its calibrated interval. Because the simulator can see the slots, it
 * also checks every polynomial activation's input against its calibrated interval ({@link RangeCheck}),
 * with the same tolerance, so the error names the layer. Values at level 0 are reduced modulo q0/Δ as a
 * real decryption would (logged once).
 */
final class SimulatedEvaluator implements Evaluator, Metered, RangeCheck {
    private static final Logger log = LoggerFactory.getLogger(SimulatedEvaluator.class);

    private final CkksParameters params;
    private final ParameterRow row;
    private final NoiseModel noise;
    private final SimulatedKeys keys;
    private final double bootstrapTolerance;
    private final int n;
    private final double scaleFactor;
    private final CostMeter meter = new CostMeter();
    private final AtomicBoolean wrapped = new AtomicBoolean();

    SimulatedEvaluator(CkksParameters params, ParameterRow row, NoiseModel noise, SimulatedKeys keys, double bootstrapTolerance) {
        this.params = params;
        this.row = row;
        this.noise = noise;
        this.keys = keys;
        this.bootstrapTolerance = bootstrapTolerance;
        this.n = params.slots();
        this.scaleFactor = Math.scalb(1.0, params.scaleBits());
    }

    @Override
    public int slots() {
        return n;
    }

    @Override
    public Ct add(Ct a, Ct b) {
        return addOrSub(a, b, 1, Lineage.ADD);
    }

    @Override
    public Ct sub(Ct a, Ct b) {
        return addOrSub(a, b, -1, Lineage.SUB);
    }

    private Ct addOrSub(Ct a, Ct b, double sign, long op) {
        SimulatedCt x = own(a);
        SimulatedCt y = own(b);
        double[] u = x.values();
        double[] v = y.values();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = u[i] + sign * v[i];
        }
        int level = Math.min(x.level(), y.level());
        meter.addMillis(Kind.ADD, row.costs().addMs().at(level));
        return result(out, level, x.noiseVariance() + y.noiseVariance(), Lineage.of(op, x.tag(), y.tag()));
    }

    @Override
    public Ct addConst(Ct a, double c) {
        SimulatedCt x = own(a);
        double q = quantize(finite(c, "constant"));
        double[] u = x.values();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = u[i] + q;
        }
        meter.addMillis(Kind.ADD, row.costs().addMs().at(x.level()));
        return result(out, x.level(), x.noiseVariance(), Lineage.of(Lineage.ADD_CONST, x.tag(), Double.doubleToLongBits(c)));
    }

    @Override
    public Ct addPlain(Ct a, double[] values) {
        SimulatedCt x = own(a);
        checkPlain(values);
        long tag = Lineage.of(Lineage.ADD_PLAIN, x.tag(), Lineage.of(values));
        SplittableRandom rng = Lineage.random(tag);
        double e = noise.encoding();
        double[] u = x.values();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = u[i] + (i < values.length ? values[i] : 0) + e * rng.nextGaussian();
        }
        meter.addMillis(Kind.ADD, row.costs().addMs().at(x.level()));
        return result(out, x.level(), x.noiseVariance() + e * e, tag);
    }

    @Override
    public Ct mulConst(Ct a, double c) {
        SimulatedCt x = own(a);
        requireLevel(x, "mulConst");
        double q = quantize(finite(c, "constant"));
        long tag = Lineage.of(Lineage.MUL_CONST, x.tag(), Double.doubleToLongBits(c));
        SplittableRandom rng = Lineage.random(tag);
        double r = noise.rescale();
        double[] u = x.values();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = u[i] * q + r * rng.nextGaussian();
        }
        meter.addMillis(Kind.PLAIN_MULT, row.costs().plainMultMs().at(x.level()));
        return result(out, x.level() - 1, q * q * x.noiseVariance() + r * r, tag);
    }

    @Override
    public Ct mulPlain(Ct a, double[] values) {
        SimulatedCt x = own(a);
        requireLevel(x, "mulPlain");
        checkPlain(values);
        long tag = Lineage.of(Lineage.MUL_PLAIN, x.tag(), Lineage.of(values));
        SplittableRandom rng = Lineage.random(tag);
        double e2 = noise.encoding() * noise.encoding();
        double r2 = noise.rescale() * noise.rescale();
        double[] u = x.values();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double p = i < values.length ? values[i] : 0;
            // the plaintext's encoding error multiplies the message; the rescale adds its own rounding
            out[i] = u[i] * p + Math.sqrt(u[i] * u[i] * e2 + r2) * rng.nextGaussian();
        }
        meter.addMillis(Kind.PLAIN_MULT, row.costs().plainMultMs().at(x.level()));
        double variance = maxSquare(values) * x.noiseVariance() + maxSquare(u) * e2 + r2;
        return result(out, x.level() - 1, variance, tag);
    }

    @Override
    public Ct mul(Ct a, Ct b) {
        SimulatedCt x = own(a);
        SimulatedCt y = own(b);
        requireLevel(x, "mul");
        requireLevel(y, "mul");
        if (!keys.relinearization()) {
            throw new EvaluationException("ciphertext multiplication needs a relinearisation key, which was not generated");
        }
        long tag = Lineage.of(Lineage.MUL, x.tag(), y.tag());
        SplittableRandom rng = Lineage.random(tag);
        double e = Math.hypot(noise.rescale(), noise.relinearisation());
        double[] u = x.values();
        double[] v = y.values();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = u[i] * v[i] + e * rng.nextGaussian();
        }
        int level = Math.min(x.level(), y.level());
        meter.addMillis(Kind.CIPHER_MULT, row.costs().cipherMultMs().at(level));
        double variance = maxSquare(v) * x.noiseVariance() + maxSquare(u) * y.noiseVariance() + x.noiseVariance() * y.noiseVariance() + e * e;
        return result(out, level - 1, variance, tag);
    }

    @Override
    public Ct rotate(Ct a, int steps) {
        SimulatedCt x = own(a);
        int k = normalize(steps);
        requireRotationKey(k, steps);
        meter.addMillis(Kind.ROTATION, k == 0 ? 0 : row.costs().rotationMs().at(x.level()));
        return rotated(x, k);
    }

    @Override
    public Ct[] rotateHoisted(Ct a, int[] steps) {
        SimulatedCt x = own(a);
        int[] ks = new int[steps.length];
        for (int j = 0; j < steps.length; j++) {
            ks[j] = normalize(steps[j]);
            requireRotationKey(ks[j], steps[j]);
        }
        Ct[] out = new Ct[steps.length];
        for (int j = 0; j < steps.length; j++) {
            meter.addMillis(Kind.HOISTED_ROTATION, ks[j] == 0 ? 0 : row.costs().hoistedRotationMs().at(x.level()));
            out[j] = rotated(x, ks[j]);
        }
        return out;
    }

    private SimulatedCt rotated(SimulatedCt x, int k) {
        long tag = Lineage.of(Lineage.ROTATE, x.tag(), k);
        double[] u = x.values();
        double[] out = new double[n];
        if (k == 0) {
            // no key switch: a copy
            System.arraycopy(u, 0, out, 0, n);
            return result(out, x.level(), x.noiseVariance(), tag);
        }
        SplittableRandom rng = Lineage.random(tag);
        double e = noise.rotation();
        for (int i = 0; i < n; i++) {
            int src = i + k < n ? i + k : i + k - n;
            out[i] = u[src] + e * rng.nextGaussian();
        }
        return result(out, x.level(), x.noiseVariance() + e * e, tag);
    }

    @Override
    public Ct bootstrap(Ct a) {
        SimulatedCt x = own(a);
        if (!params.bootstrapping() || !keys.bootstrapping()) {
            throw new EvaluationException(params.bootstrapping() ? "bootstrapping keys were not generated"
                    : "parameter set " + row.name() + " has no bootstrapping");
        }
        double[] u = x.values();
        for (int i = 0; i < n; i++) {
            if (Math.abs(u[i]) > 1 + bootstrapTolerance) {
                throw new EvaluationException(String.format(java.util.Locale.ROOT,
                        "bootstrap input outside [-1,1]: slot %d holds %.4g (tolerance %.3g); real CKKS bootstrapping diverges "
                                + "there, so an activation input has left its calibrated interval", i, u[i], bootstrapTolerance));
            }
        }
        long tag = Lineage.of(Lineage.BOOTSTRAP, x.tag());
        SplittableRandom rng = Lineage.random(tag);
        double e = noise.bootstrap();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = u[i] + e * rng.nextGaussian();
        }
        meter.addSeconds(Kind.BOOTSTRAP, row.bootstrap().seconds());
        return result(out, params.levelsAfterBootstrap(), x.noiseVariance() + e * e, tag);
    }

    /**
     * Refuses an activation input outside its calibrated interval (stored values beyond [-1, 1] by more than
     * the bootstrap tolerance): the polynomial would return garbage there, silently, on a real engine.
     */
    @Override
    public void checkActivationInput(Ct ct, ActivationInterval interval) {
        double[] u = own(ct).values();
        for (int i = 0; i < n; i++) {
            if (Math.abs(u[i]) > ActivationInterval.STORED_LIMIT + bootstrapTolerance) {
                throw new EvaluationException(interval.violation(i, u[i]));
            }
        }
    }

    /** {@code modelled_seconds} (total and by operation), modelled key and ciphertext bytes, the parameter set. */
    @Override
    public Map<String, Object> meter() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("simulated_nothing_encrypted", true);
        m.put("parameter_set", row.name());
        m.putAll(meter.report());
        m.put("modelled_evaluation_key_bytes", keys.modelledByteSize());
        m.put("modelled_fresh_ciphertext_bytes", mib(row.sizes().ciphertextMiB().at(params.freshLevels())));
        m.put("modelled_level0_ciphertext_bytes", mib(row.sizes().ciphertextMiB().at(0)));
        return m;
    }

    /**
     * Safe for concurrent use: the only mutable state is the thread-safe cost meter and a log-once flag, and
     * every injected error is seeded by the identities of the operation's inputs ({@link Lineage}), so
     * slot values do not depend on which thread runs an operation or when.
     */
    @Override
    public boolean concurrent() {
        return true;
    }

    @Override
    public void close() {
        // nothing to free
    }

    private static long mib(double mib) {
        return Math.round(mib * (1 << 20));
    }

    private SimulatedCt result(double[] out, int level, double variance, long tag) {
        if (level == 0) {
            wrapLevel0(out);
        }
        return new SimulatedCt(out, level, params.scaleBits(), variance, tag, keys.keyId());
    }

    /** Real CKKS holds a level-0 value only modulo q0/Δ; larger magnitudes come back wrapped around. */
    private void wrapLevel0(double[] out) {
        double m = noise.level0Modulus();
        double half = m / 2;
        for (int i = 0; i < out.length; i++) {
            if (Math.abs(out[i]) >= half) {
                double before = out[i];
                out[i] -= m * Math.rint(out[i] / m);
                if (wrapped.compareAndSet(false, true)) {
                    log.warn("slot {} holds {} at level 0, beyond q0/2Δ = {}: it wraps around as in real CKKS (reported once)", i, before, half);
                }
            }
        }
    }

    private SimulatedCt own(Ct ct) {
        if (!(ct instanceof SimulatedCt s)) {
            throw new IllegalArgumentException("not a simulated ciphertext: " + (ct == null ? "null" : ct.getClass().getName()));
        }
        if (!s.keyId().equals(keys.keyId())) {
            throw new WireFormatException(Reason.KEY_MISMATCH, "ciphertext belongs to key set " + s.keyId() + " but this evaluator holds keys "
                    + keys.keyId());
        }
        return s;
    }

    private void requireLevel(SimulatedCt x, String op) {
        if (x.level() <= 0) {
            throw new EvaluationException("out of levels at " + op + ": the operand is at level 0 (parameter set " + row.name() + ")");
        }
    }

    private void requireRotationKey(int k, int steps) {
        if (k != 0 && !keys.hasRotation(k)) {
            throw new EvaluationException("no rotation key for index " + k + (k == steps ? "" : " (rotation by " + steps + ")")
                    + "; keys were generated for " + keys.rotations().length + " indices" + sample(keys.rotations()));
        }
    }

    private static String sample(int[] rotations) {
        if (rotations.length == 0) {
            return "";
        }
        int[] head = Arrays.copyOf(rotations, Math.min(12, rotations.length));
        String s = Arrays.toString(head);
        return " " + (rotations.length > head.length ? s.substring(0, s.length() - 1) + ", ...]" : s);
    }

    private int normalize(int steps) {
        return Math.floorMod(steps, n);
    }

    private void checkPlain(double[] values) {
        if (values.length > n) {
            throw new IllegalArgumentException("plaintext has " + values.length + " values but ciphertexts hold " + n + " slots");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("plaintext value " + i + " is not finite: " + values[i]);
            }
        }
    }

    private static double finite(double c, String what) {
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException(what + " is not finite: " + c);
        }
        return c;
    }

    /** A constant as the engine encodes it: rounded to the scaled integer grid (when encoding error is modelled). */
    private double quantize(double c) {
        return noise.encoding() == 0 ? c : Math.rint(c * scaleFactor) / scaleFactor;
    }

    private static double maxSquare(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x * x);
        }
        return m;
    }
}
