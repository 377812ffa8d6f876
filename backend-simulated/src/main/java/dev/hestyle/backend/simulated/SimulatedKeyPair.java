package dev.hestyle.backend.simulated;

import dev.hestyle.ckks.engine.KeyPair;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A simulated key set. There is no secret key: the client's "decryption" just reads the slots. Its
 * "secret key file" therefore holds only the key set's description (the same body as the evaluation
 * keys), which is what restoring the client needs: the key id and parameter set.
 */
final class SimulatedKeyPair implements KeyPair {
    private final SimulatedKeys keys;
    private volatile boolean closed;

    SimulatedKeyPair(SimulatedKeys keys) {
        this.keys = keys;
    }

    @Override
    public SimulatedKeys evaluationKeys() {
        return keys;
    }

    @Override
    public void writeSecret(DataOutputStream out) throws IOException {
        if (closed) {
            throw new IllegalStateException("the key pair was closed");
        }
        keys.write(out);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
