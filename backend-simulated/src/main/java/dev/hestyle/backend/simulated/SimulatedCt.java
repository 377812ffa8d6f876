package dev.hestyle.backend.simulated;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.wire.Sections;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A simulated ciphertext: the slot values <b>in the clear</b> (with the injected errors already added),
 * its level, its scale and an estimate of the accumulated error. Immutable apart from {@link #close()},
 * after which any use fails as a real engine's freed handle would.
 */
public final class SimulatedCt implements Ct {
    private volatile double[] slots;
    private final int level;
    private final int scaleBits;
    private final double noiseVariance;
    private final long tag;
    private final String keyId;

    SimulatedCt(double[] slots, int level, int scaleBits, double noiseVariance, long tag, String keyId) {
        this.slots = slots;
        this.level = level;
        this.scaleBits = scaleBits;
        this.noiseVariance = noiseVariance;
        this.tag = tag;
        this.keyId = keyId;
    }

    @Override
    public int level() {
        return level;
    }

    /** log2 of the scale; the simulated engine rescales after every multiplication, so it stays at Δ. */
    public int scaleBits() {
        return scaleBits;
    }

    /**
     * Estimated standard deviation of the error accumulated in each slot (propagated conservatively:
     * products use the largest operand magnitude).
     */
    public double noiseEstimate() {
        return Math.sqrt(noiseVariance);
    }

    double noiseVariance() {
        return noiseVariance;
    }

    long tag() {
        return tag;
    }

    String keyId() {
        return keyId;
    }

    /** The slot values (not a copy: never modify). */
    double[] values() {
        double[] v = slots;
        if (v == null) {
            throw new IllegalStateException("ciphertext used after close()");
        }
        return v;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        double[] v = values();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 8 * v.length);
        DataOutputStream body = new DataOutputStream(bytes);
        body.writeUTF(keyId);
        body.writeInt(level);
        body.writeInt(scaleBits);
        body.writeDouble(noiseVariance);
        body.writeLong(tag);
        body.writeInt(v.length);
        for (double x : v) {
            body.writeDouble(x);
        }
        body.flush();
        Sections.write(out, bytes.toByteArray());
    }

    /** Reads a body written by {@link #write}, checking it against {@code params}. */
    static SimulatedCt read(CkksParameters params, DataInputStream in) throws IOException {
        byte[] payload = Sections.read(in, 1024 + 8 * params.slots());
        DataInputStream body = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        try {
            String keyId = SimulatedKeys.keyId(body.readUTF(), "ciphertext");
            int level = body.readInt();
            int scaleBits = body.readInt();
            double noiseVariance = body.readDouble();
            long tag = body.readLong();
            int n = body.readInt();
            int maxLevel = Math.max(params.freshLevels(), params.levelsAfterBootstrap());
            if (level < 0 || level > maxLevel) {
                throw corrupt("level " + level + " outside 0.." + maxLevel);
            }
            if (scaleBits != params.scaleBits()) {
                throw corrupt("scale 2^" + scaleBits + " but the parameters use 2^" + params.scaleBits());
            }
            if (n != params.slots()) {
                throw corrupt(n + " slots but the parameters have " + params.slots());
            }
            if (!(noiseVariance >= 0) || Double.isInfinite(noiseVariance)) {
                throw corrupt("invalid noise estimate " + noiseVariance);
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = body.readDouble();
                if (!Double.isFinite(v[i])) {
                    throw corrupt("slot " + i + " is not a finite number");
                }
            }
            if (body.available() != 0) {
                throw corrupt(body.available() + " unexpected trailing bytes");
            }
            return new SimulatedCt(v, level, scaleBits, noiseVariance, tag, keyId);
        } catch (java.io.EOFException e) {
            throw new WireFormatException(Reason.CORRUPT, "simulated ciphertext body is too short", e);
        } catch (java.io.UTFDataFormatException e) {
            throw corrupt("the key set id is not valid modified UTF-8");
        }
    }

    private static WireFormatException corrupt(String what) {
        return new WireFormatException(Reason.CORRUPT, "corrupt simulated ciphertext: " + what);
    }

    /** Releases the slot array; further use throws. Safe to call twice. */
    @Override
    public void close() {
        slots = null;
    }
}
