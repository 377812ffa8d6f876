package dev.hestyle.cli.server;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * What a request needs once its headers have been checked: nothing more (its reply, possibly later), or
 * its body. Routes decide this before any body byte is read, so a refused request costs no body.
 */
sealed interface Step {

    /** The reply, when it is ready (at once, or at the end of a long poll). */
    record Answer(CompletableFuture<Reply> reply) implements Step {
        static Answer now(Reply r) {
            return new Answer(CompletableFuture.completedFuture(r));
        }
    }

    /**
     * Read at most {@code maxBytes} of body, then hand it to {@code then}; if the body never arrives in
     * full, run {@code abandon} to give back what the request reserved.
     */
    record ReadBody(long maxBytes, BodyHandler then, Runnable abandon) implements Step {
    }

    /** Serves a request once its whole body has arrived. */
    @FunctionalInterface
    interface BodyHandler {
        Reply apply(byte[] body) throws IOException;
    }
}
