package dev.hestyle.backend.openfhe.jni;

import java.util.List;

/**
 * The settings of an OpenFHE CKKS context (always FLEXIBLEAUTO scaling and hybrid key switching).
 *
 * @param logRingDimension log2 of the ring dimension N
 * @param slots batch size: slots per ciphertext, a power of two at most N/2
 * @param scaleBits bits of the scaling moduli
 * @param firstModBits bits of the first (smallest) modulus
 * @param depth multiplicative depth of a fresh ciphertext
 * @param secure128 whether OpenFHE must certify 128-bit classical security (HEStd_128_classic); else HEStd_NotSet
 * @param sparseSecret SPARSE_TERNARY secret instead of UNIFORM_TERNARY
 * @param levelBudget bootstrapping level budget {encoding, decoding}, empty without bootstrapping
 * @param correctionFactor bootstrapping correction factor (0 lets OpenFHE choose)
 */
public record ContextSpec(int logRingDimension, int slots, int scaleBits, int firstModBits, int depth, boolean secure128,
                          boolean sparseSecret, List<Integer> levelBudget, int correctionFactor) {
    public ContextSpec {
        levelBudget = List.copyOf(levelBudget);
        check(logRingDimension >= 10 && logRingDimension <= 17, "log ring dimension " + logRingDimension + " outside 10..17");
        check(slots >= 1 && Integer.bitCount(slots) == 1 && slots <= (1 << (logRingDimension - 1)),
                "slots " + slots + " must be a power of two at most N/2 = " + (1 << (logRingDimension - 1)));
        check(scaleBits >= 20 && scaleBits <= 60, "scale bits " + scaleBits + " outside 20..60");
        check(firstModBits >= scaleBits && firstModBits <= 60, "first modulus bits " + firstModBits + " outside scale..60");
        check(depth >= 1 && depth <= 60, "depth " + depth + " outside 1..60");
        check(levelBudget.isEmpty() || levelBudget.size() == 2 && levelBudget.stream().allMatch(b -> b >= 1 && b <= 10),
                "level budget must be empty or two numbers in 1..10: " + levelBudget);
        check(correctionFactor >= 0 && correctionFactor <= 20, "correction factor " + correctionFactor + " outside 0..20");
    }

    /** Whether bootstrapping is configured. */
    public boolean bootstrapping() {
        return !levelBudget.isEmpty();
    }

    /** The ring dimension N. */
    public int ringDimension() {
        return 1 << logRingDimension;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
