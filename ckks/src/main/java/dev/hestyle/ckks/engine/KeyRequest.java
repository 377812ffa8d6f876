package dev.hestyle.ckks.engine;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which evaluation keys to generate: only what the plan needs.
 *
 * @param rotations rotation steps (positive = left rotation, normalised into 1..slots-1)
 * @param relinearization whether ciphertext multiplication keys are needed
 * @param bootstrapping whether bootstrapping keys are needed
 */
public record KeyRequest(Set<Integer> rotations, boolean relinearization, boolean bootstrapping) {
    public KeyRequest {
        rotations = java.util.Collections.unmodifiableSet(new TreeSet<>(rotations));
    }
}
