package dev.hestyle.ckks.graph;

import dev.hestyle.ckks.engine.Ct;

/** The client's part of a {@link OpKind#CLIENT} operation: takes the server's ciphertexts, returns fresh ones. */
@FunctionalInterface
public interface ClientRefresh {
    /** Used when a graph has no client operations; fails loudly if asked anyway. */
    ClientRefresh NONE = (activation, request) -> {
        throw new IllegalStateException("the program asked for client activation #" + activation + " but no client is connected");
    };

    /**
     * Fresh ciphertexts of activation {@code activation}'s output, one per request ciphertext, in order. Must not
     * close {@code request}; the caller owns what it returns.
     */
    Ct[] refresh(int activation, Ct[] request);
}
