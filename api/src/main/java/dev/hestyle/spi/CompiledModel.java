package dev.hestyle.spi;

import dev.hestyle.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;

/**
 * A graph planned by one backend for one parameter set. Both roles are created from it: the client
 * (secret key) and the server (evaluation keys only). It also reads the artifacts that cross the wire.
 */
public interface CompiledModel extends AutoCloseable {

    /** The plan: parameters, levels, operation counts. */
    PlanReport plan();

    Shape inputShape();

    Shape outputShape();

    /** Images per ciphertext ({@link CompileOptions#batch()}): one evaluation serves this many. */
    default int batch() {
        return 1;
    }

    /** Generates a fresh key set and returns the client that owns it. */
    Client newClient();

    /**
     * Restores a client from a secret key written by {@link Client#writeSecretKey}.
     *
     * @throws dev.hestyle.api.WireFormatException if the bytes are not a secret key of this backend and
     *         parameter hash (e.g. {@code WRONG_KIND}, {@code PARAMETER_MISMATCH}), or are truncated or corrupt
     */
    Client readClient(InputStream in) throws IOException;

    /** A server that evaluates with {@code keys} only; it never sees a secret key. */
    Server newServer(EvaluationKeys keys);

    /**
     * Reads evaluation keys written by {@link EvaluationKeys#writeTo}.
     *
     * @throws dev.hestyle.api.WireFormatException on a bad header, other parameters, secret-key material or truncation
     */
    EvaluationKeys readEvaluationKeys(InputStream in) throws IOException;

    /**
     * Reads a ciphertext written by {@link Ciphertext#writeTo}.
     *
     * @throws dev.hestyle.api.WireFormatException on a bad header, other parameters or truncation
     */
    Ciphertext readCiphertext(InputStream in) throws IOException;

    /** Frees native resources; safe to call twice. Clients and servers made from it must be closed first. */
    @Override
    void close();
}
