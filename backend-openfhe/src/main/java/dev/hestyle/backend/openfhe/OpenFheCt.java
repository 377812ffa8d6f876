package dev.hestyle.backend.openfhe;

import dev.hestyle.backend.openfhe.jni.NativeCiphertext;
import dev.hestyle.backend.openfhe.jni.NativeEvaluator;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.wire.Sections;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * An OpenFHE ciphertext with the key set it belongs to. Its body is one section in
 * {@link CiphertextEncoding}. Its {@link #level()} is OpenFHE's count minus the levels the parameter set
 * keeps in reserve (see {@link OpenFheParameters#reservedLevels}).
 *
 * <p>A ciphertext read from bytes belongs to no key set yet (the artifact's header names one, which its
 * reader checks) and carries no OpenFHE key tag; the first evaluator or decryptor to use it binds a copy
 * to its own tag, kept here so that further uses do not copy again.
 */
final class OpenFheCt implements Ct {
    private final NativeCiphertext ciphertext;
    /** The key set's id, or null when read from bytes. */
    private final String keyId;
    private final int reservedLevels;
    /** {@link #ciphertext} bound to another OpenFHE key tag; guarded by this. */
    private NativeCiphertext bound;
    /** {@link #rescaledFrom} rescaled once, for every product and rotation that reads it; guarded by this. */
    private NativeCiphertext rescaled;
    private NativeCiphertext rescaledFrom;

    OpenFheCt(NativeCiphertext ciphertext, String keyId, int reservedLevels) {
        this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext");
        this.keyId = keyId;
        this.reservedLevels = reservedLevels;
    }

    /**
     * {@code ct} as an OpenFHE ciphertext whose operations use the keys under {@code nativeTag}, for
     * the key set {@code keyId}.
     */
    static NativeCiphertext unwrap(Ct ct, String keyId, String nativeTag) {
        Objects.requireNonNull(ct, "ciphertext");
        if (!(ct instanceof OpenFheCt openFhe)) {
            throw new IllegalArgumentException("not an OpenFHE ciphertext: " + ct.getClass().getName());
        }
        if (openFhe.keyId != null && !openFhe.keyId.equals(keyId)) {
            throw new IllegalArgumentException("the ciphertext belongs to another key set");
        }
        return openFhe.boundTo(nativeTag);
    }

    /**
     * {@link #unwrap} at scale degree 1: a product still to be rescaled is rescaled by {@code evaluator} on the
     * first use and kept until this ciphertext is closed. OpenFHE would otherwise rescale it again in each of
     * the hundreds of plaintext products of a linear layer that read it (most of their time, measured).
     */
    static NativeCiphertext operand(Ct ct, String keyId, String nativeTag, NativeEvaluator evaluator) {
        NativeCiphertext source = unwrap(ct, keyId, nativeTag);
        if (source.noiseScaleDegree() < 2) {
            return source;
        }
        OpenFheCt openFhe = (OpenFheCt) ct;
        synchronized (openFhe) {
            if (openFhe.rescaledFrom != source) {
                if (openFhe.rescaled != null) {
                    openFhe.rescaled.close();
                }
                openFhe.rescaled = evaluator.rescaled(source);
                openFhe.rescaledFrom = source;
            }
            return openFhe.rescaled;
        }
    }

    private NativeCiphertext boundTo(String nativeTag) {
        if (ciphertext.keyTag().equals(nativeTag)) {
            return ciphertext;
        }
        synchronized (this) {
            if (bound == null || !bound.keyTag().equals(nativeTag)) {
                if (bound != null) {
                    bound.close();
                }
                bound = ciphertext.withKeyTag(nativeTag);
            }
            return bound;
        }
    }

    @Override
    public int level() {
        return ciphertext.level() - reservedLevels;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        Sections.write(out, CiphertextEncoding.encode(ciphertext));
    }

    @Override
    public void close() {
        ciphertext.close();
        synchronized (this) {
            if (bound != null) {
                bound.close();
            }
            if (rescaled != null) {
                rescaled.close();
            }
        }
    }

    @Override
    public String toString() {
        return "OpenFheCt[level " + level() + (ciphertext.isClosed() ? ", closed]" : "]");
    }
}
