package dev.hestyle.graph;

import dev.hestyle.tensor.Shape;

/**
 * One node of the layer graph. The set is closed so that a backend can lower every case and the
 * compiler tells it when a new kind appears.
 */
public sealed interface Layer permits Conv2d, BatchNorm2d, ConstantPad2d, Upsample2d, Relu, Residual, Sequential {

    /** The shape this layer produces from {@code input}; throws {@link IllegalArgumentException} if it does not apply. */
    Shape outputShape(Shape input);
}
