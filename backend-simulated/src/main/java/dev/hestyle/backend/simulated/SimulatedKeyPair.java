package dev.hestyle.backend.simulated;

import dev.hestyle.ckks.engine.KeyPair;

/** A simulated key set. There is no secret key: the client's "decryption" just reads the slots. */
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

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
