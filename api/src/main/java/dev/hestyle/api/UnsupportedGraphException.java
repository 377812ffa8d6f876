package dev.hestyle.api;

/** A graph, layer or option a backend cannot lower. */
public class UnsupportedGraphException extends HestyleException {
    private static final long serialVersionUID = 1L;

    public UnsupportedGraphException(String message) {
        super(message);
    }
}
