package dev.hestyle.spi;

import dev.hestyle.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The party that owns the secret key: encrypts inputs, decrypts results, and assists in client-aided mode. */
public interface Client extends AutoCloseable, ClientAssist {

    /** The public material a server needs; contains no secret. */
    EvaluationKeys evaluationKeys();

    /** Encrypts one input; in a batched plan it takes the first of the ciphertext's places, the others hold zeros. */
    Ciphertext encrypt(Tensor input);

    /**
     * Decrypts a ciphertext that holds one tensor.
     *
     * @throws IllegalArgumentException if it holds a batch of several ({@link #decryptBatch} returns them all)
     */
    Tensor decrypt(Ciphertext ciphertext);

    /**
     * Encrypts up to {@link CompiledModel#batch()} inputs into one ciphertext, in order; places left over hold zeros.
     *
     * @throws IllegalArgumentException if there are none or more than the plan's batch
     */
    default Ciphertext encryptBatch(List<Tensor> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("this plan holds one image per ciphertext, got " + inputs.size());
        }
        return encrypt(inputs.get(0));
    }

    /**
     * Decrypts every place of a (possibly batched) ciphertext: {@link CompiledModel#batch()} tensors, of which those
     * beyond the inputs encrypted are the network's output for zeros.
     */
    default List<Tensor> decryptBatch(Ciphertext ciphertext) {
        return List.of(decrypt(ciphertext));
    }

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
