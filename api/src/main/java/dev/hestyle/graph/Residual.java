package dev.hestyle.graph;

import dev.hestyle.tensor.Shape;

/** {@code x + body(x)}; the body must preserve the shape. */
public record Residual(Sequential body) implements Layer {
    public Residual {
        if (body == null) {
            throw new IllegalArgumentException("residual body is required");
        }
    }

    @Override
    public Shape outputShape(Shape in) {
        Shape out = body.outputShape(in);
        if (!out.equals(in)) {
            throw new IllegalArgumentException("residual body changes shape " + in + " to " + out);
        }
        return in;
    }
}
