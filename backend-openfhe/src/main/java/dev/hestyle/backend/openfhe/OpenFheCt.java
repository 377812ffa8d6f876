package dev.hestyle.backend.openfhe;

import dev.hestyle.backend.openfhe.jni.NativeCiphertext;
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
        }
    }

    @Override
    public String toString() {
        return "OpenFheCt[level " + level() + (ciphertext.isClosed() ? ", closed]" : "]");
    }
}
