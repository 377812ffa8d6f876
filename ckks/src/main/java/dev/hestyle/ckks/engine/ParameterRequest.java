package dev.hestyle.ckks.engine;

import dev.hestyle.spi.Security;

/**
 * What the planner needs from the parameters.
 *
 * @param security security target
 * @param slots slots per ciphertext (a power of two)
 * @param levels multiplicative levels a fresh ciphertext must offer
 * @param bootstrapping whether bootstrapping keys and parameters are needed
 */
public record ParameterRequest(Security security, int slots, int levels, boolean bootstrapping) {
    public ParameterRequest {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, got " + slots);
        }
        if (levels < 1) {
            throw new IllegalArgumentException("levels must be positive, got " + levels);
        }
    }
}
