package dev.hestyle.api;

/**
 * Encrypted evaluation could not produce a trustworthy result: out of levels, an activation outside its
 * calibrated interval, or a native library error. Never a silently wrong answer.
 */
public class EvaluationException extends HestyleException {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
