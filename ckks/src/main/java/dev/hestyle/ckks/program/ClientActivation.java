package dev.hestyle.ckks.program;

import dev.hestyle.ckks.layout.SlotLayout;
import java.util.Objects;

/**
 * A ReLU done by the client (client-aided mode): the server sends the ciphertext, the client decrypts,
 * reads the tensor in {@code layout}, computes {@code relu(stored * inputMultiplier) / outputDivisor}, packs
 * it in the same layout and returns a fresh encryption. Also the exact activation of the plain interpreter.
 *
 * @param label the ReLU's place in the network
 * @param index position among the program's client activations (carried by the request)
 * @param layout layout of the value before and after
 * @param inputMultiplier true value = stored × this
 * @param outputDivisor stored result = true result / this
 */
public record ClientActivation(String label, int index, SlotLayout layout, double inputMultiplier, double outputDivisor) implements Step {
    public ClientActivation {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(layout, "layout");
        if (index < 0) {
            throw new IllegalArgumentException("index must be non-negative");
        }
        if (!(inputMultiplier > 0) || !(outputDivisor > 0)) {
            throw new IllegalArgumentException("scale factors must be positive");
        }
    }

    /** The exact activation on stored slot values (every slot, replicas included). */
    public double[] apply(double[] stored) {
        double[] out = new double[stored.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, stored[i] * inputMultiplier) / outputDivisor;
        }
        return out;
    }

    @Override
    public String kind() {
        return "relu-client";
    }
}
