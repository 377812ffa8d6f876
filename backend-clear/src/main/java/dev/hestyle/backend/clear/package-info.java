/**
 * The clear backend: an exact double-precision implementation of every layer ({@link
 * dev.hestyle.backend.clear.ClearOps}, {@link dev.hestyle.backend.clear.ClearInterpreter}) that serves as
 * the oracle encrypted backends are checked against, and an SPI backend named {@code "clear"} that
 * <strong>does not encrypt anything</strong>: its "ciphertexts" are plaintext tensors in the common wire
 * envelope, so that tools and tests can exercise the client/server protocol without cryptography.
 */
package dev.hestyle.backend.clear;
