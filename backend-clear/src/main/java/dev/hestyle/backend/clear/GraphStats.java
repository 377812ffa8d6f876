package dev.hestyle.backend.clear;

import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.tensor.Shape;

/** Figures about a graph on a given input shape, computed from shapes alone (no tensors). */
final class GraphStats {
    private long multiplyAdds;
    private int largestTensor;
    private int leafLayers;

    private GraphStats() {
    }

    static GraphStats of(Sequential graph, Shape input) {
        GraphStats stats = new GraphStats();
        stats.largestTensor = input.size();
        stats.visit(graph, input);
        return stats;
    }

    /** Multiply-adds of all convolutions. */
    long multiplyAdds() {
        return multiplyAdds;
    }

    /** Values in the largest tensor that appears (input, outputs and intermediates). */
    int largestTensor() {
        return largestTensor;
    }

    /** Layers that are not containers ({@link Sequential}, {@link Residual}). */
    int leafLayers() {
        return leafLayers;
    }

    private Shape visit(Layer layer, Shape in) {
        Shape out;
        if (layer instanceof Sequential s) {
            out = in;
            for (Layer child : s.layers()) {
                out = visit(child, out);
            }
        } else if (layer instanceof Residual r) {
            out = visit(r.body(), in);
        } else {
            out = layer.outputShape(in);
            leafLayers++;
            if (layer instanceof Conv2d c) {
                multiplyAdds += (long) out.size() * c.inChannels() * c.kernel() * c.kernel();
            }
        }
        largestTensor = Math.max(largestTensor, out.size());
        return out;
    }
}
