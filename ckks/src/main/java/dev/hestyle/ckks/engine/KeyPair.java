package dev.hestyle.ckks.engine;

/**
 * A freshly generated key set: the secret stays with the client, the evaluation material may be sent.
 * Closing destroys the secret key.
 */
public interface KeyPair extends AutoCloseable {

    /** The public evaluation material; holds no secret. */
    EvalKeyMaterial evaluationKeys();

    /** Frees and wipes the secret key; safe to call twice. */
    @Override
    void close();
}
