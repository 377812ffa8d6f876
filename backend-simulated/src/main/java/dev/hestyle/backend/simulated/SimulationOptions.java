package dev.hestyle.backend.simulated;

import java.util.EnumSet;
import java.util.Set;

/**
 * How the simulator behaves.
 *
 * @param seed makes every injected error reproducible: the same seed and the same program give the same result
 * @param bootstrapTolerance how far beyond [-1, 1] a bootstrap input may go before it is refused
 * @param noise the error sources to inject (normally all of them)
 */
public record SimulationOptions(long seed, double bootstrapTolerance, Set<NoiseSource> noise) {
    /** System property that sets the seed of the provider's engine. */
    public static final String SEED_PROPERTY = "hestyle.simulated.seed";
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 0x5EEDL;
    /**
     * Default tolerance: 2^-6, an order of magnitude above a bootstrap's own error, so that only values that
     * really left their calibrated interval are refused.
     */
    public static final double DEFAULT_BOOTSTRAP_TOLERANCE = 1.0 / 64;

    public SimulationOptions {
        if (!(bootstrapTolerance >= 0) || Double.isInfinite(bootstrapTolerance)) {
            throw new IllegalArgumentException("bootstrapTolerance must be finite and non-negative, got " + bootstrapTolerance);
        }
        noise = noise.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(noise));
    }

    /** All noise sources, default tolerance, the given seed. */
    public static SimulationOptions seeded(long seed) {
        return new SimulationOptions(seed, DEFAULT_BOOTSTRAP_TOLERANCE, EnumSet.allOf(NoiseSource.class));
    }

    /** Defaults, with the seed from {@value #SEED_PROPERTY} if set. */
    public static SimulationOptions defaults() {
        return seeded(Long.getLong(SEED_PROPERTY, DEFAULT_SEED));
    }

    /** The same options injecting only {@code sources}. */
    public SimulationOptions withNoise(Set<NoiseSource> sources) {
        return new SimulationOptions(seed, bootstrapTolerance, sources);
    }

    /** The same options with another bootstrap tolerance. */
    public SimulationOptions withBootstrapTolerance(double tolerance) {
        return new SimulationOptions(seed, tolerance, noise);
    }
}
