package dev.hestyle.ckks.linear;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.graph.GraphBuilder;
import dev.hestyle.ckks.layout.SlotLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A fused linear segment placed between two slot layouts: one level, whatever the number of ciphertexts.
 * {@link LinearMap} when both tensors fit one ciphertext; {@link BlockLinearMap} when either spans several.
 */
public interface SlotMap {

    SlotLayout inputLayout();

    SlotLayout outputLayout();

    /**
     * This map reading values stored divided by {@code inputMultiplier} and writing its result divided by
     * {@code outputDivisor}: {@code y' = (A (m x') + c) / o}.
     */
    SlotMap scaled(double inputMultiplier, double outputDivisor);

    /** Every rotation step it uses, normalised into {@code 1..slots-1}. */
    Set<Integer> rotationSteps();

    /** Appends the map's operations to {@code b}: {@code x} holds the input's ciphertexts, the result the output's. */
    Ct[] emit(GraphBuilder b, Ct[] x);

    /** The map on plain slot vectors, one per ciphertext (for calibration and checks). */
    double[][] apply(double[][] x);

    /** {@link #apply} on each of {@code xs}; a map may share work between them. */
    default List<double[][]> applyAll(List<double[][]> xs) {
        List<double[][]> out = new ArrayList<>(xs.size());
        for (double[][] x : xs) {
            out.add(apply(x));
        }
        return out;
    }

    /** Feeds the map's content into a digest, so that a plan hash changes whenever a weight does. */
    void digest(Digest d);

    /**
     * @throws IllegalArgumentException unless both factors of {@link #scaled} are positive and finite
     */
    static void checkScales(double inputMultiplier, double outputDivisor) {
        if (!(inputMultiplier > 0) || !(outputDivisor > 0) || Double.isInfinite(inputMultiplier) || Double.isInfinite(outputDivisor)) {
            throw new IllegalArgumentException("scale factors must be positive and finite: " + inputMultiplier + ", " + outputDivisor);
        }
    }
}
