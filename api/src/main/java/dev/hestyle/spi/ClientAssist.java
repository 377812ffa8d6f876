package dev.hestyle.spi;

/**
 * The client's step in client-aided mode: decrypt the server's request, apply the exact activation,
 * re-encrypt fresh. In-process the {@link Client} implements it; over a network it is a round trip.
 */
@FunctionalInterface
public interface ClientAssist {
    /** Used where the plan needs no client step; fails loudly if one is requested anyway. */
    ClientAssist NONE = request -> {
        throw new IllegalStateException("this plan asked for a client round trip but no client is connected");
    };

    Ciphertext assist(Ciphertext request);
}
