package dev.hestyle.spi;

/**
 * Registers a backend with {@link java.util.ServiceLoader}. Implementations must be cheap to construct
 * and must not load native code in the constructor, {@link #availability()} or any other method but
 * {@link #create()}: discovery never touches native libraries.
 */
public interface BackendProvider {

    /** Short lower-case name used to select the backend, e.g. {@code "openfhe"}. */
    String name();

    /** Among available encrypting providers the highest priority is chosen when none is named. */
    int priority();

    /**
     * Whether this backend computes on real ciphertexts. Only such backends are ever chosen
     * automatically; the clear and simulated backends must be named explicitly, so that a missing
     * native library never silently degrades privacy.
     */
    boolean encrypts();

    /** Whether {@link #create()} can succeed here, decided without loading native code. */
    Availability availability();

    /** Creates the backend; the first call may load native libraries. */
    Backend create();
}
