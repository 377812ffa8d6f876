package dev.hestyle.backend.clear;

import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.EvaluationKeys;
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
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The clear backend's client. It has no secret: "encrypting" wraps the tensor in a {@link
 * ClearCiphertext} tagged with a random key id, so that mixing up key sets is still detected.
 */
final class ClearClient implements Client {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String parameterHash;
    private final Shape inputShape;
    private final String keyId;
    private volatile boolean closed;

    ClearClient(String parameterHash, Shape inputShape) {
        this(parameterHash, inputShape, randomKeyId());
    }

    private ClearClient(String parameterHash, Shape inputShape, String keyId) {
        this.parameterHash = parameterHash;
        this.inputShape = inputShape;
        this.keyId = keyId;
    }

    private static String randomKeyId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /**
     * Restores a client from its "secret key" file: the common envelope (kind {@code SECRET_KEY}) and one
     * empty section, since the clear backend has no secret; only the key id matters.
     */
    static ClearClient read(InputStream in, String parameterHash, Shape inputShape) throws IOException {
        DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
        Header header = Header.read(data).expect(ArtifactKind.SECRET_KEY, ClearBackendProvider.NAME, parameterHash, null);
        Sections.read(data, 0);
        return new ClearClient(parameterHash, inputShape, header.keyId());
    }

    @Override
    public void writeSecretKey(OutputStream out) throws IOException {
        ensureOpen();
        DataOutputStream data = new DataOutputStream(out);
        new Header(ArtifactKind.SECRET_KEY, ClearBackendProvider.NAME, parameterHash, keyId).write(data);
        Sections.write(data, new byte[0]);
        data.flush();
    }

    @Override
    public EvaluationKeys evaluationKeys() {
        ensureOpen();
        return new ClearEvaluationKeys(parameterHash, keyId);
    }

    @Override
    public Ciphertext encrypt(Tensor input) {
        ensureOpen();
        if (!input.shape().equals(inputShape)) {
            throw new IllegalArgumentException("the model takes inputs of shape " + inputShape + ", got " + input.shape());
        }
        return new ClearCiphertext(parameterHash, keyId, input);
    }

    @Override
    public Tensor decrypt(Ciphertext ciphertext) {
        ensureOpen();
        return ClearCiphertext.check(ciphertext, parameterHash, keyId).tensor();
    }

    /** Client-aided step: the exact ReLU of the server's intermediate tensor. */
    @Override
    public Ciphertext assist(Ciphertext request) {
        ensureOpen();
        Tensor t = ClearCiphertext.check(request, parameterHash, keyId).tensor();
        return new ClearCiphertext(parameterHash, keyId, ClearOps.relu(t));
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this client is closed");
        }
    }
}
