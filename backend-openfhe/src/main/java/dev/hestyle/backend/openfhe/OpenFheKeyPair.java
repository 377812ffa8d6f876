package dev.hestyle.backend.openfhe;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.backend.openfhe.jni.NativeContext;
import dev.hestyle.backend.openfhe.jni.NativeKeyPair;
import dev.hestyle.backend.openfhe.jni.OpenFheNativeException;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.ckks.engine.KeyPair;
import dev.hestyle.wire.Sections;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Arrays;
import java.util.Map;

/**
 * A key set: the native key pair (secret) and the evaluation keys made from it.
 *
 * <p>Secret file body, all {@link Sections}: a description (format, key tag, slots), the secret key and
 * the public key in OpenFHE's binary serialization.
 */
final class OpenFheKeyPair implements KeyPair {
    private static final int FORMAT = 1;
    private static final int MAX_DESCRIPTION = 4096;

    private final NativeKeyPair keys;
    private final OpenFheEvalKeys evaluationKeys;
    private final CkksParameters params;

    OpenFheKeyPair(NativeKeyPair keys, OpenFheEvalKeys evaluationKeys, CkksParameters params) {
        this.keys = keys;
        this.evaluationKeys = evaluationKeys;
        this.params = params;
    }

    NativeKeyPair nativeKeys() {
        return keys;
    }

    CkksParameters params() {
        return params;
    }

    @Override
    public EvalKeyMaterial evaluationKeys() {
        return evaluationKeys;
    }

    @Override
    public void writeSecret(DataOutputStream out) throws IOException {
        ByteArrayOutputStream description = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(description)) {
            d.writeInt(FORMAT);
            d.writeUTF(evaluationKeys.keyId());
            d.writeInt(params.slots());
        }
        Sections.write(out, description.toByteArray());
        byte[] secret = keys.serializeSecretKey();
        try {
            Sections.write(out, secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        Sections.write(out, keys.serializePublicKey());
    }

    /** Reads a body written by {@link #writeSecret}: a key pair that encrypts and decrypts, without evaluation keys. */
    static OpenFheKeyPair read(NativeContext context, CkksParameters params, DataInputStream in) throws IOException {
        String keyTag;
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(Sections.read(in, MAX_DESCRIPTION)))) {
            int format = d.readInt();
            if (format != FORMAT) {
                throw new WireFormatException(Reason.CORRUPT, "unknown secret key format " + format);
            }
            keyTag = d.readUTF();
            int slots = d.readInt();
            if (slots != params.slots()) {
                throw new WireFormatException(Reason.PARAMETER_MISMATCH, "secret key for " + slots + " slots, parameters have " + params.slots());
            }
        } catch (EOFException e) {
            throw new WireFormatException(Reason.CORRUPT, "truncated secret key description", e);
        } catch (UTFDataFormatException e) {
            throw new WireFormatException(Reason.CORRUPT, "the key set id in the secret key description is not valid UTF-8", e);
        }
        int bound = OpenFheParameters.keyBound(context.spec());
        byte[] secret = Sections.read(in, bound);
        NativeKeyPair keys;
        try {
            keys = NativeKeyPair.restore(context, secret, Sections.read(in, bound));
        } catch (OpenFheNativeException | IllegalArgumentException e) {
            throw new WireFormatException(Reason.CORRUPT, "secret key rejected: " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        try {
            if (!keys.keyTag().equals(keyTag)) {
                throw new WireFormatException(Reason.CORRUPT, "secret key file describes key set " + keyTag + " but holds " + keys.keyTag());
            }
            return new OpenFheKeyPair(keys, new OpenFheEvalKeys(keys.evalKeys(), keyTag, context.layout(), Map.of(), new int[0], false), params);
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
    }

    /** Wipes the secret key and releases this handle on the evaluation keys (evaluators keep their own). */
    @Override
    public void close() {
        evaluationKeys.close();
        keys.close();
    }
}
