package dev.hestyle.backend.simulated;

/** The kinds of error real CKKS adds, which the simulator injects (each can be switched off to see what dominates). */
public enum NoiseSource {
    /** Rounding a plaintext or constant to the scaled integer grid. */
    ENCODING,
    /** Public-key encryption of a fresh ciphertext. */
    ENCRYPTION,
    /** Rounding when a product is divided by the dropped prime. */
    RESCALE,
    /** Hybrid key switching in rotations and relinearisation. */
    KEY_SWITCH,
    /** Approximate modular reduction inside bootstrapping. */
    BOOTSTRAP
}
