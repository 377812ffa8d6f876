package dev.hestyle.cli.server;

import dev.hestyle.api.WireFormatException;

/**
 * The stable error reasons of the HTTP protocol, each with its status code. The names are part of the
 * protocol: clients may switch on them; never rename one.
 */
public enum ErrorReason {
    BAD_MAGIC(400), UNSUPPORTED_VERSION(400), WRONG_KIND(400), WRONG_BACKEND(400), PARAMETER_MISMATCH(409), KEY_MISMATCH(409),
    TRUNCATED(400), CORRUPT(400), SECRET_MATERIAL(400), BODY_TOO_LARGE(413), UNKNOWN_KEY(404), UNKNOWN_SESSION(404), BUSY(503),
    EVALUATION_FAILED(500), BAD_REQUEST(400), TIMEOUT(408);

    private final int status;

    ErrorReason(int status) {
        this.status = status;
    }

    /** The HTTP status code sent with this reason. */
    public int status() {
        return status;
    }

    /** The reason of a refused artifact: the wire format's reasons carry over one to one. */
    public static ErrorReason of(WireFormatException.Reason reason) {
        return valueOf(reason.name());
    }
}
