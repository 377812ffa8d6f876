package dev.hestyle.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Public evaluation material (public key, relinearisation, rotation and bootstrapping keys). Never
 * contains secret-key material. Serialized form starts with a {@link dev.hestyle.wire.Header}.
 */
public interface EvaluationKeys {

    /** Identifies the key set; ciphertexts carry it so that a mismatch is detected. */
    String keyId();

    /** Writes the versioned serialized form (may be gigabytes: stream it). */
    void writeTo(OutputStream out) throws IOException;

    /** Size of the serialized form in bytes. */
    long byteSize();
}
