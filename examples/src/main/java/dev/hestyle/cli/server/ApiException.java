package dev.hestyle.cli.server;

import dev.hestyle.api.HestyleException;

/** A request the server refuses, with the reason and status the client receives. */
final class ApiException extends HestyleException {
    private static final long serialVersionUID = 1L;

    private final ErrorReason reason;
    private final int status;

    ApiException(ErrorReason reason, String message) {
        this(reason, reason.status(), message);
    }

    /** With a status other than the reason's usual one (e.g. 409 for a request at the wrong moment). */
    ApiException(ErrorReason reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    ErrorReason reason() {
        return reason;
    }

    int status() {
        return status;
    }
}
