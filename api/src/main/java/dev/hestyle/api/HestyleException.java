package dev.hestyle.api;

/** Base of every error hestyle reports on purpose. */
public class HestyleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HestyleException(String message) {
        super(message);
    }

    public HestyleException(String message, Throwable cause) {
        super(message, cause);
    }
}
