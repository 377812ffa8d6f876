package dev.hestyle.api;

/** No suitable backend: the message lists what was found and what to add. */
public class BackendNotFoundException extends HestyleException {
    private static final long serialVersionUID = 1L;

    public BackendNotFoundException(String message) {
        super(message);
    }
}
