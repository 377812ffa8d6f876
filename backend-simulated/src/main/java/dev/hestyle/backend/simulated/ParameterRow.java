package dev.hestyle.backend.simulated;

import dev.hestyle.spi.Security;
import java.util.Objects;

/**
 * One modelled CKKS parameter set: what it offers, how noisy it is, what it costs. Rows live in
 * {@link ParameterModel#ROWS}.
 *
 * @param name stable name, written into the parameters (so it is part of the parameter hash)
 * @param security the security target this set meets
 * @param securityBits claimed bits (0 for insecure rows)
 * @param secretDistribution e.g. {@code "sparse-ternary"}
 * @param secretHammingWeight nonzero coefficients of the secret; 0 means uniform ternary (about 2N/3)
 * @param logRingDimension log2 of the ring dimension N
 * @param slots the most slots a ciphertext holds
 * @param scaleBits log2 of the scaling factor Δ
 * @param firstModulusBits bits of the last remaining modulus q0; level-0 values wrap modulo q0/Δ
 * @param decompositionDigits key-switching digits (dnum)
 * @param maxFreshLevels the most levels a fresh ciphertext can have
 * @param bootstrap bootstrapping figures, or {@code null} without bootstrapping
 * @param costs per-operation single-thread costs
 * @param sizes key and ciphertext sizes
 */
public record ParameterRow(String name, Security security, int securityBits, String secretDistribution, int secretHammingWeight,
                           int logRingDimension, int slots, int scaleBits, int firstModulusBits, int decompositionDigits,
                           int maxFreshLevels, Bootstrap bootstrap, Costs costs, Sizes sizes) {

    public ParameterRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(secretDistribution, "secretDistribution");
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(sizes, "sizes");
        if (firstModulusBits <= scaleBits) {
            throw new IllegalArgumentException(name + ": the first modulus must be larger than the scale");
        }
        if (slots > (1 << (logRingDimension - 1))) {
            throw new IllegalArgumentException(name + ": at most N/2 slots");
        }
    }

    /**
     * Bootstrapping figures.
     *
     * @param levelsAfter levels left to the program after a bootstrap
     * @param maxErrorLog2 log2 of the measured largest slot error of one bootstrap over {@code referenceSlots} slots
     * @param referenceSlots how many slots that maximum was taken over
     * @param keyCount rotation keys the bootstrap itself needs (each of the row's rotation key size)
     * @param seconds latency of one bootstrap, one thread
     */
    public record Bootstrap(int levelsAfter, double maxErrorLog2, int referenceSlots, int keyCount, double seconds) {
    }

    /**
     * Single-thread costs in milliseconds, by level where measured so.
     *
     * @param rotationMs one rotation (key switch + automorphism)
     * @param hoistedRotationMs one rotation inside a hoisted batch
     * @param plainMultMs plaintext multiplication including its rescale
     * @param cipherMultMs ciphertext multiplication with relinearisation and rescale
     * @param addMs ciphertext addition
     * @param encryptMs encoding and public-key encryption of a fresh ciphertext
     * @param decryptMs decryption and decoding
     */
    public record Costs(Curve rotationMs, Curve hoistedRotationMs, Curve plainMultMs, Curve cipherMultMs, Curve addMs,
                        double encryptMs, double decryptMs) {

        /** These costs multiplied by {@code factor}. */
        public Costs times(double factor) {
            return new Costs(rotationMs.times(factor), hoistedRotationMs.times(factor), plainMultMs.times(factor),
                    cipherMultMs.times(factor), addMs.times(factor), encryptMs * factor, decryptMs * factor);
        }
    }

    /**
     * Serialized sizes.
     *
     * @param rotationKeyMiB one rotation (or relinearisation) key
     * @param ciphertextMiB one ciphertext by level
     */
    public record Sizes(double rotationKeyMiB, Curve ciphertextMiB) {
    }

    /** Whether bootstrapping is configured. */
    public boolean bootstrapping() {
        return bootstrap != null;
    }

    /** Levels after a bootstrap, 0 without. */
    public int levelsAfterBootstrap() {
        return bootstrap == null ? 0 : bootstrap.levelsAfter();
    }

    /** The ring dimension N. */
    public int ringDimension() {
        return 1 << logRingDimension;
    }

    /** Expected squared norm of the secret key: its Hamming weight, or 2N/3 for a uniform ternary secret. */
    public double secretSquaredNorm() {
        return secretHammingWeight > 0 ? secretHammingWeight : 2.0 * ringDimension() / 3.0;
    }

    /** A copy named {@code otherName} holding up to {@code otherSlots} slots, with the bootstrapping {@code figures} given. */
    public ParameterRow withBootstrap(String otherName, int otherSlots, Bootstrap figures) {
        return new ParameterRow(otherName, security, securityBits, secretDistribution, secretHammingWeight, logRingDimension, otherSlots,
                scaleBits, firstModulusBits, decompositionDigits, maxFreshLevels, Objects.requireNonNull(figures, "figures"), costs, sizes);
    }

    /** A copy with another name and security, costs scaled by {@code costFactor}; noise figures unchanged. */
    public ParameterRow insecureTwin(String twinName, double costFactor) {
        Bootstrap b = bootstrap == null ? null
                : new Bootstrap(bootstrap.levelsAfter(), bootstrap.maxErrorLog2(), bootstrap.referenceSlots(), bootstrap.keyCount(),
                        bootstrap.seconds() * costFactor);
        return new ParameterRow(twinName, Security.INSECURE_TEST_ONLY, 0, secretDistribution, secretHammingWeight, logRingDimension, slots,
                scaleBits, firstModulusBits, decompositionDigits, maxFreshLevels, b, costs.times(costFactor),
                new Sizes(sizes.rotationKeyMiB() * costFactor, sizes.ciphertextMiB().times(costFactor)));
    }
}
