package dev.hestyle.ckks.plan;

import dev.hestyle.ckks.linear.AffineRows;
import dev.hestyle.tensor.Shape;

/** One node of a graph lowered to a straight line: what the planner turns into program steps. */
sealed interface Node permits Node.Segment, Node.Activation, Node.Save, Node.Add {

    String label();

    /** Shape of the value after this node. */
    Shape shape();

    /** A fused run of linear layers, as rows computed from the layers. */
    record Segment(String label, AffineRows affine) implements Node {
        @Override
        public Shape shape() {
            return affine.outputShape();
        }
    }

    /** A ReLU. */
    record Activation(String label, Shape shape) implements Node {
    }

    /** Start of a residual block: remember the current value as skip {@code id}. */
    record Save(String label, int id, Shape shape) implements Node {
    }

    /** End of a residual block: add skip {@code id}. */
    record Add(String label, int id, Shape shape) implements Node {
    }
}
