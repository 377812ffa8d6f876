package dev.hestyle.graph;

import dev.hestyle.tensor.Shape;

/** Nearest-neighbour upsampling by an integer factor in both directions. */
public record Upsample2d(int scale) implements Layer {
    public Upsample2d {
        if (scale < 1) {
            throw new IllegalArgumentException("upsample scale must be at least 1");
        }
    }

    @Override
    public Shape outputShape(Shape in) {
        return new Shape(in.channels(), in.height() * scale, in.width() * scale);
    }
}
