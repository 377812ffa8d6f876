package dev.hestyle.backend.simulated;

import java.util.SplittableRandom;

/**
 * Deterministic 64-bit identities of simulated ciphertexts. Homomorphic operations of a real engine are
 * deterministic functions of their inputs (only encryption draws fresh randomness), so the error an
 * operation injects is drawn from a generator seeded by the identities of its inputs and its own
 * arguments. Results therefore do not depend on thread scheduling, and hoisted and individual rotations
 * of the same ciphertext by the same step give identical results.
 */
final class Lineage {
    static final long ENCRYPT = 0x454E43L;
    static final long ADD = 0x414444L;
    static final long SUB = 0x535542L;
    static final long ADD_CONST = 0x414443L;
    static final long ADD_PLAIN = 0x414450L;
    static final long MUL_CONST = 0x4D4343L;
    static final long MUL_PLAIN = 0x4D4350L;
    static final long MUL = 0x4D554CL;
    static final long ROTATE = 0x524F54L;
    static final long BOOTSTRAP = 0x425354L;

    private Lineage() {
    }

    /** Combines {@code parts} into one well-mixed identity. */
    static long of(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    /** An identity of a plaintext vector's exact contents. */
    static long of(double[] values) {
        long h = values.length;
        for (double v : values) {
            h = mix(h ^ Double.doubleToLongBits(v)) + 0x9E3779B97F4A7C15L;
        }
        return h;
    }

    /** The error generator of the result with identity {@code tag}. */
    static SplittableRandom random(long tag) {
        return new SplittableRandom(tag);
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
