package dev.hestyle.backend.clear;

import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import dev.hestyle.wire.Sections;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The clear backend's evaluation "keys": only the key id and parameter hash, in the common envelope
 * followed by one empty section. There is nothing secret (and nothing cryptographic) in them.
 */
final class ClearEvaluationKeys implements EvaluationKeys {
    private final String parameterHash;
    private final String keyId;

    ClearEvaluationKeys(String parameterHash, String keyId) {
        this.parameterHash = parameterHash;
        this.keyId = keyId;
    }

    String parameterHash() {
        return parameterHash;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        new Header(ArtifactKind.EVALUATION_KEYS, ClearBackendProvider.NAME, parameterHash, keyId).write(data);
        Sections.write(data, new byte[0]);
        data.flush();
    }

    @Override
    public long byteSize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    /** Reads keys made for {@code parameterHash}; refuses secret-key material and any other artifact. */
    static ClearEvaluationKeys read(InputStream in, String parameterHash) throws IOException {
        DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
        Header header = Header.read(data).expect(ArtifactKind.EVALUATION_KEYS, ClearBackendProvider.NAME, parameterHash, null);
        Sections.read(data, 0);
        return new ClearEvaluationKeys(parameterHash, header.keyId());
    }
}
