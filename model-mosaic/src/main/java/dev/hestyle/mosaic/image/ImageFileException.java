package dev.hestyle.mosaic.image;

import dev.hestyle.api.HestyleException;

/** An image file is missing, unreadable, in an unsupported format, or could not be written. */
public class ImageFileException extends HestyleException {
    private static final long serialVersionUID = 1L;

    public ImageFileException(String message) {
        super(message);
    }

    public ImageFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
