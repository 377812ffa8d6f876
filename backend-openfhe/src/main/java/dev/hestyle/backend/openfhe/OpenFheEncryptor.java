package dev.hestyle.backend.openfhe;

import dev.hestyle.backend.openfhe.jni.NativeKeyPair;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Encryptor;
import java.util.Objects;

/** Client-side encryption and decryption with a key pair it does not own. */
final class OpenFheEncryptor implements Encryptor {
    private final NativeKeyPair keys;
    private final String keyTag;
    private final double maxMagnitude;
    private final int reservedLevels;
    private volatile boolean closed;

    OpenFheEncryptor(NativeKeyPair keys, double maxMagnitude, int reservedLevels) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.keyTag = keys.keyTag();
        this.maxMagnitude = maxMagnitude;
        this.reservedLevels = reservedLevels;
    }

    @Override
    public Ct encrypt(double[] slots) {
        checkOpen();
        Objects.requireNonNull(slots, "slots");
        for (int i = 0; i < slots.length; i++) {
            if (!(Math.abs(slots[i]) <= maxMagnitude)) {
                throw new IllegalArgumentException("slot " + i + " is " + slots[i] + "; these parameters hold values up to ±"
                        + maxMagnitude);
            }
        }
        return new OpenFheCt(keys.encrypt(slots), keyTag, reservedLevels);
    }

    @Override
    public double[] decrypt(Ct ct) {
        checkOpen();
        return keys.decrypt(OpenFheCt.unwrap(ct, keyTag, keyTag));
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this encryptor has been closed");
        }
    }
}
