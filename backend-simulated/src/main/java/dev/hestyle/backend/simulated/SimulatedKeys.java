package dev.hestyle.backend.simulated;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.wire.Sections;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Arrays;

/**
 * Simulated evaluation keys: <b>there is no key</b>, only the description of which keys a real engine
 * would hold (rotation steps, relinearisation, bootstrapping). The simulated evaluator refuses exactly
 * the operations whose key is missing.
 *
 * <p>{@link #write} writes only that compact description, a few bytes per key, and {@link #byteSize()}
 * is its true length. The size the real key set would have (rotation keys times the parameter row's
 * key size, plus the bootstrap's own keys and the public key) is {@link #modelledByteSize()}, which the
 * evaluator reports as {@code modelled_evaluation_key_bytes}.
 */
public final class SimulatedKeys implements EvalKeyMaterial {
    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_KEY_ID = 255;

    private final String keyId;
    private final String parameterSet;
    private final int[] rotations;
    private final boolean relinearization;
    private final boolean bootstrapping;
    private final long modelledBytes;

    SimulatedKeys(String keyId, ParameterRow row, int[] rotations, boolean relinearization, boolean bootstrapping) {
        this.keyId = keyId;
        this.parameterSet = row.name();
        this.rotations = rotations.clone();
        Arrays.sort(this.rotations);
        this.relinearization = relinearization;
        this.bootstrapping = bootstrapping;
        this.modelledBytes = modelledBytes(row, this.rotations.length, relinearization, bootstrapping);
    }

    private static long modelledBytes(ParameterRow row, int rotationKeys, boolean relinearization, boolean bootstrapping) {
        // Bootstrapping needs its own relinearisation key; a shared rotation index is not deduplicated here.
        int keys = rotationKeys + (relinearization || bootstrapping ? 1 : 0) + (bootstrapping ? row.bootstrap().keyCount() : 0);
        double mib = keys * row.sizes().rotationKeyMiB() + row.sizes().ciphertextMiB().at(row.maxFreshLevels()); // + public key
        return Math.round(mib * (1 << 20));
    }

    @Override
    public String keyId() {
        return keyId;
    }

    /** Whether a rotation by {@code step} (normalised into 1..slots-1) has a key. */
    public boolean hasRotation(int step) {
        return Arrays.binarySearch(rotations, step) >= 0;
    }

    /** The rotation steps with keys, ascending. */
    public int[] rotations() {
        return rotations.clone();
    }

    public boolean relinearization() {
        return relinearization;
    }

    public boolean bootstrapping() {
        return bootstrapping;
    }

    String parameterSet() {
        return parameterSet;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        Sections.write(out, body());
    }

    private byte[] body() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 4 * rotations.length);
            DataOutputStream body = new DataOutputStream(bytes);
            body.writeUTF(keyId);
            body.writeUTF(parameterSet);
            body.writeBoolean(relinearization);
            body.writeBoolean(bootstrapping);
            body.writeInt(rotations.length);
            for (int r : rotations) {
                body.writeInt(r);
            }
            body.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen in memory
        }
    }

    /** Reads a body written by {@link #write} for parameters of {@code row} with {@code slots} slots. */
    static SimulatedKeys read(ParameterRow row, int slots, DataInputStream in) throws IOException {
        DataInputStream body = new DataInputStream(new ByteArrayInputStream(Sections.read(in, MAX_BODY)));
        try {
            String keyId = keyId(body.readUTF(), "evaluation keys");
            String set = body.readUTF();
            if (!set.equals(row.name())) {
                throw corrupt("keys are for parameter set '" + set + "', expected '" + row.name() + "'");
            }
            boolean relin = body.readBoolean();
            boolean boot = body.readBoolean();
            if (boot && !row.bootstrapping()) {
                throw corrupt("bootstrapping keys for a parameter set without bootstrapping");
            }
            int n = body.readInt();
            if (n < 0 || n >= slots) {
                throw corrupt("rotation key count " + n + " outside 0.." + (slots - 1));
            }
            int[] rotations = new int[n];
            for (int i = 0; i < n; i++) {
                rotations[i] = body.readInt();
                if (rotations[i] < 1 || rotations[i] >= slots || (i > 0 && rotations[i] <= rotations[i - 1])) {
                    throw corrupt("rotation steps must be distinct, ascending, in 1.." + (slots - 1));
                }
            }
            if (body.available() != 0) {
                throw corrupt(body.available() + " unexpected trailing bytes");
            }
            return new SimulatedKeys(keyId, row, rotations, relin, boot);
        } catch (EOFException e) {
            throw new WireFormatException(Reason.CORRUPT, "simulated key body is too short", e);
        } catch (UTFDataFormatException e) {
            throw corrupt("a name is not valid modified UTF-8");
        }
    }

    /**
     * A key set id read from bytes: 1..255 printable ASCII characters, as every engine writes them (it
     * ends up in messages, logs and file names).
     */
    static String keyId(String id, String what) {
        if (id.isEmpty() || id.length() > MAX_KEY_ID || !id.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new WireFormatException(Reason.CORRUPT, "corrupt simulated " + what + ": invalid key set id");
        }
        return id;
    }

    private static WireFormatException corrupt(String what) {
        return new WireFormatException(Reason.CORRUPT, "corrupt simulated evaluation keys: " + what);
    }

    /** The length of what {@link #write} writes: the compact description (length prefix and checksum included). */
    @Override
    public long byteSize() {
        return 8L + body().length;
    }

    /** The modelled size of the real key set this describes, in bytes. */
    public long modelledByteSize() {
        return modelledBytes;
    }

    @Override
    public void close() {
        // nothing to free: there is no key material
    }
}
