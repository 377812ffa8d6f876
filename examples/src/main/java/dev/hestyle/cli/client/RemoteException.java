package dev.hestyle.cli.client;

import dev.hestyle.api.HestyleException;

/** The server refused a request or its evaluation failed; carries the protocol's error reason. */
public final class RemoteException extends HestyleException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    public RemoteException(int status, String reason, String message) {
        super("server: " + reason + ": " + message);
        this.status = status;
        this.reason = reason;
    }

    /** HTTP status, or 0 for a failure reported in a session's status. */
    public int status() {
        return status;
    }

    /** The stable reason, e.g. {@code UNKNOWN_KEY} or {@code PARAMETER_MISMATCH}. */
    public String reason() {
        return reason;
    }
}
