package dev.hestyle.backend.clear;

import dev.hestyle.graph.Layer;
import dev.hestyle.tensor.Tensor;

/**
 * Receives every layer's input and output while {@link ClearInterpreter} runs a graph, e.g. to record
 * the inputs of each ReLU for calibrating polynomial activations.
 *
 * <p>Layers are reported after they finish (containers after their contents). The path names the
 * layer's position: the name of the nearest enclosing named {@link dev.hestyle.graph.Sequential}, then
 * {@code /index} steps, e.g. {@code "model.3/1"} for the second layer of the sequence named
 * {@code model.3}; a named sequence's own path is its name. Tensors are immutable and may be kept.
 */
@FunctionalInterface
public interface LayerObserver {
    /** Observes nothing. */
    LayerObserver NONE = (path, layer, input, output) -> { };

    void onLayer(String path, Layer layer, Tensor input, Tensor output);
}
