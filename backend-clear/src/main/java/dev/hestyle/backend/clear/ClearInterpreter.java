package dev.hestyle.backend.clear;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Relu;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;

/** Runs a layer graph exactly, in double precision, layer by layer: the reference every backend is compared with. */
public final class ClearInterpreter {
    private ClearInterpreter() {
    }

    /**
     * Runs {@code graph} on {@code input}.
     *
     * @throws IllegalArgumentException if the graph does not apply to the input's shape
     */
    public static Tensor run(Sequential graph, Tensor input) {
        return run(graph, input, LayerObserver.NONE);
    }

    /** Runs {@code graph} on {@code input}, reporting every layer to {@code observer}. */
    public static Tensor run(Sequential graph, Tensor input, LayerObserver observer) {
        return run(graph, input, observer, ClearOps::relu);
    }

    /** As {@link #run(Sequential, Tensor, LayerObserver)} with ReLUs computed by {@code relu} (the client-aided server delegates them). */
    static Tensor run(Sequential graph, Tensor input, LayerObserver observer, UnaryOperator<Tensor> relu) {
        graph.outputShape(input.shape());
        return new Walk(observer, relu).apply(graph, input, graph.name());
    }

    private record Walk(LayerObserver observer, UnaryOperator<Tensor> relu) {

        Tensor apply(Layer layer, Tensor in, String path) {
            Tensor out;
            if (layer instanceof Conv2d c) {
                out = ClearOps.conv2d(in, c);
            } else if (layer instanceof BatchNorm2d b) {
                out = ClearOps.batchNorm(in, b);
            } else if (layer instanceof ConstantPad2d p) {
                out = ClearOps.pad(in, p.pad(), p.value());
            } else if (layer instanceof Upsample2d u) {
                out = ClearOps.upsample(in, u.scale());
            } else if (layer instanceof Relu) {
                out = relu.apply(in);
            } else if (layer instanceof Residual r) {
                String bodyPath = r.body().name().isEmpty() ? path + "/body" : r.body().name();
                out = ClearOps.add(in, apply(r.body(), in, bodyPath));
            } else if (layer instanceof Sequential s) {
                out = sequence(s.layers(), in, path);
            } else {
                // Layer is sealed; this only happens if a new kind is added without teaching the oracle.
                throw new IllegalStateException("no clear implementation for layer " + layer.getClass().getName());
            }
            observer.onLayer(path, layer, in, out);
            return out;
        }

        private Tensor sequence(List<Layer> layers, Tensor in, String path) {
            Tensor t = in;
            for (int i = 0; i < layers.size(); i++) {
                Layer child = layers.get(i);
                String childPath = child instanceof Sequential s && !s.name().isEmpty() ? s.name() : (path.isEmpty() ? "" : path + "/") + i;
                t = apply(child, t, childPath);
            }
            return t;
        }
    }
}
