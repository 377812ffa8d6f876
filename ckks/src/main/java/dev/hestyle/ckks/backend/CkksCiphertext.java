package dev.hestyle.ckks.backend;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.layout.SlotLayout;
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
 * An encrypted tensor: the engine ciphertexts it spans, the tensor's shape, and its role in the protocol
 * (the network input, its output, or the request/response of client activation {@code k}). Serialized as a
 * {@link Header}, a section with the layout version, role, shape and ciphertext count, then each engine
 * ciphertext's body in order.
 */
final class CkksCiphertext implements Ciphertext {
    /** Role of the network input. */
    static final int INPUT = -1;
    /** Role of the network output. */
    static final int OUTPUT = -2;
    /** Version of the description section; 1 (a 16-byte section without version or count) held one ciphertext. */
    static final int LAYOUT_VERSION = 2;
    static final int META_BYTES = 24;
    /** No tensor of a plan spans more ciphertexts than this; a larger count is refused before anything is read. */
    static final int MAX_CIPHERTEXTS = 1 << 16;

    private final Ct[] cts;
    private final Shape shape;
    private final int role;
    private final String keyId;
    private final ArtifactContext context;

    CkksCiphertext(Ct[] cts, Shape shape, int role, String keyId, ArtifactContext context) {
        if (cts.length < 1) {
            throw new IllegalArgumentException("an encrypted tensor holds at least one ciphertext");
        }
        this.cts = cts.clone();
        this.shape = shape;
        this.role = role;
        this.keyId = keyId;
        this.context = context;
    }

    /** The engine ciphertexts (shared: do not close them separately). */
    Ct[] cts() {
        return cts.clone();
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
        Sections.write(d, ByteBuffer.allocate(META_BYTES).putInt(LAYOUT_VERSION).putInt(role).putInt(shape.channels()).putInt(shape.height())
                .putInt(shape.width()).putInt(cts.length).array());
        for (Ct ct : cts) {
            ct.write(d);
        }
        d.flush();
    }

    /**
     * @throws WireFormatException ({@link Reason#CORRUPT}) unless the tensor's shape and ciphertext count are
     *         {@code layout}'s
     */
    void expect(SlotLayout layout) {
        if (!shape.equals(layout.shape())) {
            throw new WireFormatException(Reason.CORRUPT, "the " + describeRole(role) + " should be " + layout.shape()
                    + " but the ciphertext says " + shape);
        }
        if (cts.length != layout.ciphertexts()) {
            throw new WireFormatException(Reason.CORRUPT, "the " + describeRole(role) + " spans " + layout.ciphertexts()
                    + " ciphertexts but the artifact holds " + cts.length);
        }
    }

    /**
     * This tensor, checked to belong to key set {@code expectedKeyId} and to have role {@code expectedRole}.
     *
     * @throws WireFormatException ({@link Reason#KEY_MISMATCH}) for another key set, ({@link Reason#CORRUPT}) for another role
     */
    CkksCiphertext belongingTo(String expectedKeyId, int expectedRole) {
        if (!keyId.equals(expectedKeyId)) {
            throw new WireFormatException(Reason.KEY_MISMATCH, "ciphertext belongs to key set " + keyId + " but this server holds evaluation keys "
                    + expectedKeyId);
        }
        if (role != expectedRole) {
            throw new WireFormatException(Reason.CORRUPT, "expected the " + describeRole(expectedRole) + " but got the " + describeRole(role));
        }
        return this;
    }

    static String describeRole(int role) {
        return role == INPUT ? "network input" : role == OUTPUT ? "network output" : "client activation #" + role;
    }

    /** Frees the engine ciphertexts (idempotent). */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Ct ct : cts) {
            try {
                ct.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "CkksCiphertext[" + shape + ", " + describeRole(role) + ", " + cts.length + " ciphertext(s) at level " + cts[0].level() + ", key " + keyId + "]";
    }
}
