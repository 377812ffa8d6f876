package dev.hestyle.spi;

import dev.hestyle.tensor.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * An encrypted tensor. Serialized form starts with a {@link dev.hestyle.wire.Header}. Native backends
 * hold tens of megabytes per ciphertext outside the Java heap: close it when done rather than waiting
 * for the garbage collector.
 */
public interface Ciphertext extends AutoCloseable {

    /** The logical shape of the tensor it encrypts. */
    Shape shape();

    /** Writes the versioned serialized form. */
    void writeTo(OutputStream out) throws IOException;

    /** The serialized form as bytes. */
    default byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Size of the serialized form in bytes. */
    default long byteSize() {
        return toBytes().length;
    }

    /** Frees native memory held by this ciphertext; safe to call twice. Using it afterwards fails. */
    @Override
    default void close() {
    }
}
