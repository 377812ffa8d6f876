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
 * @param bootstrapSlots the most slots one ciphertext of a plan that bootstraps holds, or 0 for {@code maxSlots}. An
 *                       engine whose bootstrapping ring is fixed sets it to that ring's full slot count: an operation
 *                       other than the bootstrap costs the same for any slot count there, so a large image needs fewer
 *                       ciphertexts, each bootstrapped once.
 */
public record Capabilities(boolean bootstrapping, int maxSlots, int maxFreshLevels, int levelsAfterBootstrap,
                           int freshLevelsWithBootstrap, int bootstrapSlots) {

    public Capabilities {
        if (bootstrapSlots < 0 || bootstrapSlots > 0 && (!bootstrapping || Integer.bitCount(bootstrapSlots) != 1)) {
            throw new IllegalArgumentException("bootstrap slots must be 0, or a power of two on an engine that bootstraps: "
                    + bootstrapSlots);
        }
    }

    /** The most slots one ciphertext of a plan holds, whether or not it {@code bootstraps}. */
    public int slotsFor(boolean bootstraps) {
        return bootstraps ? Math.max(maxSlots, bootstrapSlots) : maxSlots;
    }

    /** Capabilities whose bootstrapping plans hold at most {@code maxSlots} slots per ciphertext, as other plans. */
    public Capabilities(boolean bootstrapping, int maxSlots, int maxFreshLevels, int levelsAfterBootstrap,
                        int freshLevelsWithBootstrap) {
        this(bootstrapping, maxSlots, maxFreshLevels, levelsAfterBootstrap, freshLevelsWithBootstrap, 0);
    }
}
