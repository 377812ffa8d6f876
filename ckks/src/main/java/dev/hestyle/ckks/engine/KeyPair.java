package dev.hestyle.ckks.engine;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A freshly generated key set: the secret stays with the client, the evaluation material may be sent.
 * Closing destroys the secret key.
 */
public interface KeyPair extends AutoCloseable {

    /** The public evaluation material; holds no secret. */
    EvalKeyMaterial evaluationKeys();

    /**
     * Writes the body (after the header) of the secret key file as {@link dev.hestyle.wire.Sections}:
     * the secret key and whatever {@link CkksEngine#readKeyPair} needs to give back a key pair whose
     * encryptor works and whose {@link #evaluationKeys()} carry the same key id.
     */
    void writeSecret(DataOutputStream out) throws IOException;

    /** Frees and wipes the secret key; safe to call twice. */
    @Override
    void close();
}
