package dev.hestyle.wire;

/** What a serialized artifact holds. The code is part of the format; never renumber. */
public enum ArtifactKind {
    PARAMETERS(1), EVALUATION_KEYS(2), CIPHERTEXT(3), SECRET_KEY(4);

    private final int code;

    ArtifactKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The kind with this code, or {@code null}. */
    public static ArtifactKind of(int code) {
        for (ArtifactKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
