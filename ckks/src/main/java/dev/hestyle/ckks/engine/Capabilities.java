package dev.hestyle.ckks.engine;

/**
 * What an engine offers at one security level; the planner adapts to it.
 *
 * @param bootstrapping whether {@link Evaluator#bootstrap} is supported
 * @param maxSlots the most slots one ciphertext can hold
 * @param maxFreshLevels multiplicative levels of a fresh ciphertext at the largest parameters
 *                       (without bootstrapping keys) — bounds client-aided segments
 * @param levelsAfterBootstrap levels left to the program after one bootstrap (0 if none)
 * @param freshLevelsWithBootstrap levels of a fresh ciphertext in a bootstrapping parameter set
 */
public record Capabilities(boolean bootstrapping, int maxSlots, int maxFreshLevels, int levelsAfterBootstrap,
                           int freshLevelsWithBootstrap) {
}
