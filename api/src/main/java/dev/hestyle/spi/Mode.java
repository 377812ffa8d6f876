package dev.hestyle.spi;

/** How activations are evaluated under encryption. */
public enum Mode {
    /** Polynomial activations and bootstrapping: the client is offline until it decrypts. */
    NON_INTERACTIVE,
    /**
     * The server evaluates linear layers; at each activation the client decrypts, applies the exact
     * ReLU and re-encrypts. The client sees intermediate activations (a model-privacy trade-off).
     */
    CLIENT_AIDED;

    /** Parses {@code non-interactive} / {@code client-aided} (case and {@code _}/{@code -} insensitive). */
    public static Mode parse(String s) {
        String k = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        try {
            return valueOf(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown mode '" + s + "'; use non-interactive or client-aided", e);
        }
    }

    /** The command-line spelling. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
