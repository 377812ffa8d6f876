package dev.hestyle.backend.clear;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import dev.hestyle.wire.Sections;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The clear backend's stand-in for a ciphertext. <strong>It is not encrypted:</strong> it holds the
 * tensor in plain text. It carries the parameter hash and key id, and is serialized in the common
 * envelope ({@link Header} then one checksummed {@link Sections section}: three shape ints and the
 * values as big-endian doubles), so that wire handling can be tested without cryptography.
 */
final class ClearCiphertext implements Ciphertext {
    private static final int SHAPE_BYTES = 3 * Integer.BYTES;

    private final String parameterHash;
    private final String keyId;
    private final Tensor tensor;

    ClearCiphertext(String parameterHash, String keyId, Tensor tensor) {
        this.parameterHash = parameterHash;
        this.keyId = keyId;
        this.tensor = tensor;
    }

    String keyId() {
        return keyId;
    }

    Tensor tensor() {
        return tensor;
    }

    @Override
    public Shape shape() {
        return tensor.shape();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        new Header(ArtifactKind.CIPHERTEXT, ClearBackendProvider.NAME, parameterHash, keyId).write(data);
        Shape s = tensor.shape();
        ByteBuffer payload = ByteBuffer.allocate(SHAPE_BYTES + Double.BYTES * s.size());
        payload.putInt(s.channels()).putInt(s.height()).putInt(s.width());
        payload.asDoubleBuffer().put(tensor.data());
        Sections.write(data, payload.array());
        data.flush();
    }

    /**
     * Reads a ciphertext made for {@code parameterHash}, of any key set (the server or client that uses
     * it checks the key id).
     *
     * @param maxValues the largest tensor the graph produces; bigger claims are treated as corruption
     */
    static ClearCiphertext read(InputStream in, String parameterHash, int maxValues) throws IOException {
        DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
        Header header = Header.read(data).expect(ArtifactKind.CIPHERTEXT, ClearBackendProvider.NAME, parameterHash, null);
        ByteBuffer payload = ByteBuffer.wrap(Sections.read(data, SHAPE_BYTES + Double.BYTES * maxValues));
        try {
            Shape shape = new Shape(payload.getInt(), payload.getInt(), payload.getInt());
            if (payload.remaining() != (long) Double.BYTES * shape.size()) {
                throw new WireFormatException(Reason.CORRUPT, "ciphertext of shape " + shape + " needs " + Double.BYTES * (long) shape.size()
                        + " value bytes, found " + payload.remaining());
            }
            double[] values = new double[shape.size()];
            payload.asDoubleBuffer().get(values);
            return new ClearCiphertext(parameterHash, header.keyId(), Tensor.of(shape, values));
        } catch (BufferUnderflowException | IllegalArgumentException | ArithmeticException e) {
            throw new WireFormatException(Reason.CORRUPT, "ciphertext payload is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code ct} is a clear-backend ciphertext for these parameters and this key set.
     *
     * @throws IllegalArgumentException if it comes from another backend
     * @throws WireFormatException with {@link Reason#PARAMETER_MISMATCH} or {@link Reason#KEY_MISMATCH}
     */
    static ClearCiphertext check(Ciphertext ct, String parameterHash, String keyId) {
        if (!(ct instanceof ClearCiphertext c)) {
            throw new IllegalArgumentException("not a ciphertext of the clear backend: " + (ct == null ? "null" : ct.getClass().getName()));
        }
        if (!c.parameterHash.equals(parameterHash)) {
            throw new WireFormatException(Reason.PARAMETER_MISMATCH, "ciphertext was made for another model (hash " + c.parameterHash
                    + ", expected " + parameterHash + ")");
        }
        if (!c.keyId.equals(keyId)) {
            throw new WireFormatException(Reason.KEY_MISMATCH, "ciphertext belongs to key set " + c.keyId + ", expected " + keyId);
        }
        return c;
    }
}
