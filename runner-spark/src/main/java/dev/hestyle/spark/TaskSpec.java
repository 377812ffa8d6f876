package dev.hestyle.spark;

import java.io.Serializable;

/**
 * One Spark task of a {@link Phase}: a set of graph operations that depend on nothing else of their phase.
 * Plain ids only; the ciphertexts it reads travel separately.
 *
 * @param phase index of its phase
 * @param index index within the phase
 * @param ops operation ids into the graph, ascending
 * @param inputs value ids it reads that earlier phases made (or graph inputs), ascending
 * @param outputs value ids it makes that later phases read or that are graph outputs, ascending
 */
public record TaskSpec(int phase, int index, int[] ops, int[] inputs, int[] outputs) implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return "task " + index + " of phase " + phase + " (" + ops.length + " operations, " + inputs.length + " inputs, "
                + outputs.length + " outputs)";
    }
}
