package dev.hestyle.spi;

/**
 * Homomorphic operation counts: they do not drift with machine noise, unlike seconds.
 *
 * @param rotations slot rotations (each hoisted rotation counted once)
 * @param ctMults ciphertext-ciphertext multiplications with relinearisation
 * @param ptMults plaintext and scalar multiplications
 * @param bootstraps bootstrapping operations
 */
public record OpCounts(long rotations, long ctMults, long ptMults, long bootstraps) {
    public static final OpCounts ZERO = new OpCounts(0, 0, 0, 0);

    public OpCounts plus(OpCounts o) {
        return new OpCounts(rotations + o.rotations, ctMults + o.ctMults, ptMults + o.ptMults, bootstraps + o.bootstraps);
    }
}
