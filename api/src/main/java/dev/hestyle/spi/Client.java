package dev.hestyle.spi;

import dev.hestyle.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;

/** The party that owns the secret key: encrypts inputs, decrypts results, and assists in client-aided mode. */
public interface Client extends AutoCloseable, ClientAssist {

    /** The public material a server needs; contains no secret. */
    EvaluationKeys evaluationKeys();

    Ciphertext encrypt(Tensor input);

    Tensor decrypt(Ciphertext ciphertext);

    /**
     * Writes the secret key (and what restoring this client needs) in the versioned format, header kind
     * {@link dev.hestyle.wire.ArtifactKind#SECRET_KEY}. Whoever reads these bytes can decrypt: keep them on
     * the client, in a file only its owner can read. Servers refuse them.
     *
     * @see CompiledModel#readClient
     */
    void writeSecretKey(OutputStream out) throws IOException;

    /** Destroys the secret key material; safe to call twice. */
    @Override
    void close();
}
