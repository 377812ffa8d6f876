package dev.hestyle.ckks.graph;

/** What an {@link Op} does; each maps to one {@link dev.hestyle.ckks.engine.Evaluator} call. */
public enum OpKind {
    /** Rotations of one ciphertext by several steps sharing one decomposition; one output per step. */
    HOIST,
    ROTATE,
    ADD,
    SUB,
    ADD_CONST,
    ADD_PLAIN,
    MUL_CONST,
    MUL_PLAIN,
    /** Ciphertext product with relinearisation. */
    MUL,
    BOOTSTRAP,
    /** A client round trip: the group of ciphertexts goes to the client, as many fresh ones come back. */
    CLIENT,
    /** Checks an activation input against its interval where the engine can see slots; no output. */
    RANGE_CHECK
}
