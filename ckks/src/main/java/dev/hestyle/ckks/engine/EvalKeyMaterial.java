package dev.hestyle.ckks.engine;

import java.io.DataOutputStream;
import java.io.IOException;

/** Public key, relinearisation, rotation and bootstrapping keys. Never any secret. */
public interface EvalKeyMaterial extends AutoCloseable {

    /** Random identifier of the key set this material belongs to. */
    String keyId();

    /** Writes the body (after the header) as {@link dev.hestyle.wire.Sections}. */
    void write(DataOutputStream out) throws IOException;

    /** Serialized size in bytes (computed without keeping a copy when possible). */
    long byteSize();

    @Override
    void close();
}
