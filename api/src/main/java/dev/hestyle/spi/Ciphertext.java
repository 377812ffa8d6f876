package dev.hestyle.spi;

import dev.hestyle.tensor.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** An encrypted tensor. Serialized form starts with a {@link dev.hestyle.wire.Header}. */
public interface Ciphertext {

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
}
