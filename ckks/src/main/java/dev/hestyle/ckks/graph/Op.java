package dev.hestyle.ckks.graph;

/**
 * One operation of a {@link CtGraph}: reads the values {@code args}, writes the {@code outputs} values from
 * {@code firstOutput} on. Plain data (ids and numbers only), so that a graph can be written and rebuilt.
 *
 * @param kind what it does
 * @param args value ids read, in operand order
 * @param firstOutput id of the first value written
 * @param outputs how many values it writes (0 for {@link OpKind#RANGE_CHECK}, the step count for {@link OpKind#HOIST},
 *                the group size for {@link OpKind#CLIENT}, otherwise 1)
 * @param steps rotation steps ({@link OpKind#ROTATE}: one; {@link OpKind#HOIST}: one per output), otherwise empty
 * @param constant the constant of {@link OpKind#ADD_CONST} / {@link OpKind#MUL_CONST}
 * @param index plaintext id ({@code *_PLAIN}), client activation index ({@link OpKind#CLIENT}), interval id
 *              ({@link OpKind#RANGE_CHECK}); otherwise -1
 * @param step index of the tensor-level program step this operation belongs to (for messages and profiles)
 */
public record Op(OpKind kind, int[] args, int firstOutput, int outputs, int[] steps, double constant, int index, int step) {
}
