package dev.hestyle.spi;

/**
 * The security target of the encryption parameters. Insecure parameters exist only to make unit tests
 * fast; they refuse to run unless the system property {@value #ALLOW_INSECURE_PROPERTY} is {@code true}.
 */
public enum Security {
    /** Parameters meeting the HomomorphicEncryption.org 128-bit table, checked by the library itself. */
    BITS_128,
    /** Small, fast parameters with no security at all. For tests only. */
    INSECURE_TEST_ONLY;

    public static final String ALLOW_INSECURE_PROPERTY = "hestyle.allowInsecure";

    /** Throws unless this level may be used in this JVM. */
    public void checkAllowed() {
        if (this == INSECURE_TEST_ONLY && !Boolean.getBoolean(ALLOW_INSECURE_PROPERTY)) {
            throw new IllegalStateException("INSECURE_TEST_ONLY parameters provide no security and are for tests; set -D"
                    + ALLOW_INSECURE_PROPERTY + "=true to use them anyway");
        }
    }
}
