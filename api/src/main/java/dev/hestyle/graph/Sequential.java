package dev.hestyle.graph;

import dev.hestyle.tensor.Shape;
import java.util.List;

/**
 * Layers applied one after the other.
 *
 * @param name a label for logs and errors, e.g. {@code "model.3"}
 * @param layers the layers in order
 */
public record Sequential(String name, List<Layer> layers) implements Layer {
    public Sequential {
        layers = List.copyOf(layers);
        name = name == null ? "" : name;
    }

    public static Sequential of(String name, Layer... layers) {
        return new Sequential(name, List.of(layers));
    }

    @Override
    public Shape outputShape(Shape in) {
        Shape s = in;
        for (Layer layer : layers) {
            try {
                s = layer.outputShape(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((name.isEmpty() ? "" : name + ": ") + e.getMessage(), e);
            }
        }
        return s;
    }

    /** Number of {@link Relu} layers, counting nested ones. */
    public int reluCount() {
        int n = 0;
        for (Layer l : layers) {
            if (l instanceof Relu) {
                n++;
            } else if (l instanceof Sequential s) {
                n += s.reluCount();
            } else if (l instanceof Residual r) {
                n += r.body().reluCount();
            }
        }
        return n;
    }
}
