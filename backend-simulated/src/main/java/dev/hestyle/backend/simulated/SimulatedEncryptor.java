package dev.hestyle.backend.simulated;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.backend.simulated.CostMeter.Kind;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Encryptor;
import dev.hestyle.ckks.engine.Metered;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated client. "Encryption" copies the slots and adds the error of encoding plus public-key
 * encryption; "decryption" reads them back. <b>Nothing is encrypted.</b> Encryption noise is drawn
 * from the engine seed and a per-encryptor counter, so a client that encrypts the same sequence of
 * inputs gets the same results.
 */
final class SimulatedEncryptor implements Encryptor, Metered {
    private final CkksParameters params;
    private final ParameterRow row;
    private final NoiseModel noise;
    private final String keyId;
    private final long seed;
    private final AtomicLong counter = new AtomicLong();
    private final CostMeter meter = new CostMeter();

    SimulatedEncryptor(CkksParameters params, ParameterRow row, NoiseModel noise, String keyId, long seed) {
        this.params = params;
        this.row = row;
        this.noise = noise;
        this.keyId = keyId;
        this.seed = seed;
    }

    @Override
    public Ct encrypt(double[] slots) {
        int n = params.slots();
        if (slots.length > n) {
            throw new IllegalArgumentException("cannot encrypt " + slots.length + " values into " + n + " slots");
        }
        long tag = Lineage.of(Lineage.ENCRYPT, seed, counter.getAndIncrement());
        SplittableRandom rng = Lineage.random(tag);
        double e = noise.fresh();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = i < slots.length ? slots[i] : 0;
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("slot " + i + " is not finite: " + v);
            }
            out[i] = v + e * rng.nextGaussian();
        }
        meter.addMillis(Kind.ENCRYPT, row.costs().encryptMs());
        return new SimulatedCt(out, params.freshLevels(), params.scaleBits(), e * e, tag, keyId);
    }

    @Override
    public double[] decrypt(Ct ct) {
        if (!(ct instanceof SimulatedCt s)) {
            throw new IllegalArgumentException("not a simulated ciphertext: " + (ct == null ? "null" : ct.getClass().getName()));
        }
        if (!s.keyId().equals(keyId)) {
            throw new WireFormatException(Reason.KEY_MISMATCH, "ciphertext belongs to key set " + s.keyId() + ", this client holds " + keyId);
        }
        meter.addMillis(Kind.DECRYPT, row.costs().decryptMs());
        return s.values().clone();
    }

    /** Modelled client seconds (encryption and decryption). */
    @Override
    public Map<String, Object> meter() {
        return meter.report();
    }

    @Override
    public void close() {
        // no secret to wipe
    }
}
