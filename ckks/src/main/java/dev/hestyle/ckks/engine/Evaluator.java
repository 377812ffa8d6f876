package dev.hestyle.ckks.engine;

/**
 * Server-side homomorphic operations on one parameter set with evaluation keys only.
 *
 * <p>Level semantics are the same for every engine so that the shared planner can count: every
 * multiplication ({@link #mulConst}, {@link #mulPlain}, {@link #mul}) consumes exactly one level (the
 * engine rescales, eagerly or lazily); {@link #add} and {@link #sub} of operands at different levels
 * return the lower level. Operations never modify or close their inputs; the caller closes what it
 * no longer needs. An operation that would go below level 0 throws
 * {@link dev.hestyle.api.EvaluationException}.
 */
public interface Evaluator extends AutoCloseable {

    int slots();

    Ct add(Ct a, Ct b);

    Ct sub(Ct a, Ct b);

    /** Adds {@code c} to every slot. */
    Ct addConst(Ct a, double c);

    /** Adds a plaintext vector (length at most {@link #slots()}, zero-padded). Consumes no level. */
    Ct addPlain(Ct a, double[] values);

    /** Multiplies every slot by {@code c}; one level. */
    Ct mulConst(Ct a, double c);

    /** Slot-wise product with a plaintext vector (length at most {@link #slots()}, zero-padded); one level. */
    Ct mulPlain(Ct a, double[] values);

    /** Ciphertext product with relinearisation; one level. */
    Ct mul(Ct a, Ct b);

    /** Rotation: slot {@code i} of the result is slot {@code (i + steps) mod slots} of {@code a}. Needs that key. */
    Ct rotate(Ct a, int steps);

    /** Several rotations of one ciphertext sharing one decomposition (hoisting). */
    Ct[] rotateHoisted(Ct a, int[] steps);

    /** Refreshes {@code a} to {@link CkksParameters#levelsAfterBootstrap()} levels; slot values must lie in [-1, 1]. */
    Ct bootstrap(Ct a);

    /**
     * Whether operations may be called from several threads at once (on the same or different
     * ciphertexts) with results that do not depend on the interleaving. Only then does the shared
     * lowering evaluate independent operations in parallel.
     */
    default boolean concurrent() {
        return false;
    }

    @Override
    void close();
}
