package dev.hestyle.ckks.program;

import dev.hestyle.ckks.engine.Ct;

/** The client's part of a {@link ClientActivation}: takes the server's ciphertext, returns a fresh one. */
@FunctionalInterface
public interface ClientRefresh {
    /** Used when a program has no client steps; fails loudly if asked anyway. */
    ClientRefresh NONE = (ct, step) -> {
        throw new IllegalStateException("the program asked for a client round trip at " + step.label() + " but no client is connected");
    };

    /** Returns a fresh ciphertext of {@code step}'s output; must not close {@code request}. */
    Ct refresh(Ct request, ClientActivation step);
}
