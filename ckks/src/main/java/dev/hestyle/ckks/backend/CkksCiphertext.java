package dev.hestyle.ckks.backend;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.tensor.Shape;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import dev.hestyle.wire.Sections;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * An encrypted tensor: the engine ciphertext, the tensor's shape, and its role in the protocol (the
 * network input, its output, or the request/response of client activation {@code k}). Serialized as a
 * {@link Header}, a section with shape and role, then the engine's body.
 */
final class CkksCiphertext implements Ciphertext {
    /** Role of the network input. */
    static final int INPUT = -1;
    /** Role of the network output. */
    static final int OUTPUT = -2;
    static final int META_BYTES = 16;

    private final Ct ct;
    private final Shape shape;
    private final int role;
    private final String keyId;
    private final ArtifactContext context;

    CkksCiphertext(Ct ct, Shape shape, int role, String keyId, ArtifactContext context) {
        this.ct = ct;
        this.shape = shape;
        this.role = role;
        this.keyId = keyId;
        this.context = context;
    }

    Ct ct() {
        return ct;
    }

    /** {@link #INPUT}, {@link #OUTPUT}, or the index of a client activation. */
    int role() {
        return role;
    }

    String keyId() {
        return keyId;
    }

    ArtifactContext context() {
        return context;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        new Header(ArtifactKind.CIPHERTEXT, context.backend(), context.parameterHash(), keyId).write(d);
        Sections.write(d, ByteBuffer.allocate(META_BYTES).putInt(role).putInt(shape.channels()).putInt(shape.height())
                .putInt(shape.width()).array());
        ct.write(d);
        d.flush();
    }

    static String describeRole(int role) {
        return role == INPUT ? "network input" : role == OUTPUT ? "network output" : "client activation #" + role;
    }

    /** Frees the engine ciphertext (idempotent). */
    @Override
    public void close() {
        ct.close();
    }

    @Override
    public String toString() {
        return "CkksCiphertext[" + shape + ", " + describeRole(role) + ", level " + ct.level() + ", key " + keyId + "]";
    }
}
