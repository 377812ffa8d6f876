package dev.hestyle.cli.json;

/**
 * Text that is not JSON this reader accepts; the message names the offset. An {@link IllegalArgumentException}, so
 * callers that catch that keep working.
 */
public class JsonSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JsonSyntaxException(String message) {
        super(message);
    }
}
