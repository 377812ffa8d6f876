package dev.hestyle.ckks.backend;

import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Public evaluation keys of one key set, serialized as a {@link Header} then the engine's body. Keys read
 * from bytes own their material: {@link #close()} frees it (a client's own keys belong to the client).
 */
final class CkksEvaluationKeys implements EvaluationKeys, AutoCloseable {
    private final EvalKeyMaterial material;
    private final ArtifactContext context;

    CkksEvaluationKeys(EvalKeyMaterial material, ArtifactContext context) {
        this.material = material;
        this.context = context;
    }

    EvalKeyMaterial material() {
        return material;
    }

    ArtifactContext context() {
        return context;
    }

    @Override
    public String keyId() {
        return material.keyId();
    }

    private Header header() {
        return new Header(ArtifactKind.EVALUATION_KEYS, context.backend(), context.parameterHash(), material.keyId());
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        header().write(d);
        material.write(d);
        d.flush();
    }

    @Override
    public long byteSize() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            header().write(new DataOutputStream(b));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.size() + material.byteSize();
    }

    /** Frees the key material (native memory in native engines); safe to call twice. */
    @Override
    public void close() {
        material.close();
    }
}
