package dev.hestyle.cli.server;

import java.util.Locale;

/** Where a session stands; {@link #label()} is the protocol's spelling. */
public enum SessionState {
    /** Accepted, waiting for a worker. */
    QUEUED,
    /** The server is evaluating. */
    RUNNING,
    /** Client-aided mode: the activation ciphertext waits at {@code /request} for the client's answer at {@code /assist}. */
    NEEDS_CLIENT,
    /** The encrypted result waits at {@code /result}. */
    DONE,
    /** Evaluation stopped; the status carries the reason. */
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    boolean finished() {
        return this == DONE || this == FAILED;
    }
}
