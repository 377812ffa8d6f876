package dev.hestyle.spark;

import dev.hestyle.api.HestyleException;

/**
 * An executor compiled the model to another plan or parameter set than the driver (a different checkpoint,
 * hestyle version or native library on that machine). Its results could not be combined with the others.
 */
public class PlanMismatchException extends HestyleException {
    private static final long serialVersionUID = 1L;

    public PlanMismatchException(String message) {
        super(message);
    }
}
