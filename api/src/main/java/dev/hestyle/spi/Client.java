package dev.hestyle.spi;

import dev.hestyle.tensor.Tensor;

/** The party that owns the secret key: encrypts inputs, decrypts results, and assists in client-aided mode. */
public interface Client extends AutoCloseable, ClientAssist {

    /** The public material a server needs; contains no secret. */
    EvaluationKeys evaluationKeys();

    Ciphertext encrypt(Tensor input);

    Tensor decrypt(Ciphertext ciphertext);

    /** Destroys the secret key material; safe to call twice. */
    @Override
    void close();
}
