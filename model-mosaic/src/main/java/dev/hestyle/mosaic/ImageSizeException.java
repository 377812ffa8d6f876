package dev.hestyle.mosaic;

import dev.hestyle.api.HestyleException;

/** An image size the network cannot be run at: not positive, or a side that is not a multiple of {@value ImageSize#MULTIPLE}. */
public class ImageSizeException extends HestyleException {
    private static final long serialVersionUID = 1L;

    public ImageSizeException(String message) {
        super(message);
    }
}
