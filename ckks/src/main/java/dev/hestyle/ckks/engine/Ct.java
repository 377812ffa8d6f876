package dev.hestyle.ckks.engine;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A backend ciphertext handle. Native implementations free their memory in {@link #close()} (safe to
 * call twice) and register a {@link java.lang.ref.Cleaner} as a safety net.
 */
public interface Ct extends AutoCloseable {

    /** Multiplicative levels still available. */
    int level();

    /** Writes the body (after the header) as {@link dev.hestyle.wire.Sections}. */
    void write(DataOutputStream out) throws IOException;

    @Override
    void close();
}
