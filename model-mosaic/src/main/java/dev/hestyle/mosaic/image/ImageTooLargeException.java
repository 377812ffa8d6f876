package dev.hestyle.mosaic.image;

/**
 * An image file is larger than an {@link ImageLimits} bound allows, found before it was decoded.
 * {@link #limit()} names the system property that sets the bound.
 */
public class ImageTooLargeException extends ImageFileException {
    private static final long serialVersionUID = 1L;

    private final String limit;
    private final long actual;
    private final long allowed;

    public ImageTooLargeException(String message, String limit, long actual, long allowed) {
        super(message + " (limit " + limit + "=" + allowed + ")");
        this.limit = limit;
        this.actual = actual;
        this.allowed = allowed;
    }

    /** The system property of the exceeded bound: {@value ImageLimits#MAX_PIXELS_PROPERTY} or {@value ImageLimits#MAX_FILE_BYTES_PROPERTY}. */
    public String limit() {
        return limit;
    }

    /** What the file has or declares: pixels or bytes. */
    public long actual() {
        return actual;
    }

    /** The bound in force. */
    public long allowed() {
        return allowed;
    }
}
