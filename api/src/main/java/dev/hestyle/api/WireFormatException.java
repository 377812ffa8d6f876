package dev.hestyle.api;

/** Serialized bytes that cannot be accepted: bad magic or version, other parameters or keys, truncation, corruption. */
public class WireFormatException extends HestyleException {
    private static final long serialVersionUID = 1L;

    /** Why the bytes were refused, stable for machine use (e.g. HTTP error bodies). */
    public enum Reason { BAD_MAGIC, UNSUPPORTED_VERSION, WRONG_KIND, WRONG_BACKEND, PARAMETER_MISMATCH, KEY_MISMATCH, TRUNCATED, CORRUPT, SECRET_MATERIAL }

    private final Reason reason;

    public WireFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WireFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
