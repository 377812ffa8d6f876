package dev.hestyle.graph;

import dev.hestyle.tensor.Shape;

/** Pads every side of every channel by {@code pad} pixels of {@code value}. */
public record ConstantPad2d(int pad, double value) implements Layer {
    public ConstantPad2d {
        if (pad < 0) {
            throw new IllegalArgumentException("padding must be non-negative");
        }
    }

    @Override
    public Shape outputShape(Shape in) {
        return new Shape(in.channels(), in.height() + 2 * pad, in.width() + 2 * pad);
    }
}
