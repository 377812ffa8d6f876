package dev.hestyle.backend.openfhe;

import dev.hestyle.backend.openfhe.jni.NativeCiphertext;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.wire.Sections;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * An OpenFHE ciphertext with the key set it belongs to. Its body is one section of OpenFHE's
 * serialization. Its {@link #level()} is OpenFHE's count minus the levels the parameter set keeps in
 * reserve (see {@link OpenFheParameters#reservedLevels}).
 */
final class OpenFheCt implements Ct {
    private final NativeCiphertext ciphertext;
    private final String keyTag;
    private final int reservedLevels;

    OpenFheCt(NativeCiphertext ciphertext, String keyTag, int reservedLevels) {
        this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext");
        this.keyTag = Objects.requireNonNull(keyTag, "keyTag");
        this.reservedLevels = reservedLevels;
    }

    /** {@code ct} as an OpenFHE ciphertext of key set {@code keyTag}. */
    static NativeCiphertext unwrap(Ct ct, String keyTag) {
        Objects.requireNonNull(ct, "ciphertext");
        if (!(ct instanceof OpenFheCt openFhe)) {
            throw new IllegalArgumentException("not an OpenFHE ciphertext: " + ct.getClass().getName());
        }
        if (!openFhe.keyTag.equals(keyTag)) {
            throw new IllegalArgumentException("the ciphertext belongs to another key set");
        }
        return openFhe.ciphertext;
    }

    String keyTag() {
        return keyTag;
    }

    @Override
    public int level() {
        return ciphertext.level() - reservedLevels;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        Sections.write(out, ciphertext.serialize());
    }

    @Override
    public void close() {
        ciphertext.close();
    }

    @Override
    public String toString() {
        return "OpenFheCt[level " + level() + (ciphertext.isClosed() ? ", closed]" : "]");
    }
}
