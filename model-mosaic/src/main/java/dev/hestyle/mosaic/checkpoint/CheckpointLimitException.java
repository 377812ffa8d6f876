package dev.hestyle.mosaic.checkpoint;

/**
 * A checkpoint exceeds one of the {@link CheckpointLimits}: too large, too many entries, a pickle too big,
 * too deep or with too many values. The file may be hostile (a zip or pickle bomb) or simply larger than the
 * limits allow; {@link #limit()} names the bound, as in {@link CheckpointLimits}.
 */
public class CheckpointLimitException extends CheckpointException {
    private static final long serialVersionUID = 1L;

    private final String limit;

    public CheckpointLimitException(String limit, String message) {
        super(message + " (limit " + limit + ")");
        this.limit = limit;
    }

    /** The name of the exceeded bound, e.g. {@code maxTotalBytes}. */
    public String limit() {
        return limit;
    }
}
