package dev.hestyle.mosaic.checkpoint;

import dev.hestyle.api.HestyleException;

/** A checkpoint could not be found, read, trusted or turned into a network; the message says which and why. */
public class CheckpointException extends HestyleException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
