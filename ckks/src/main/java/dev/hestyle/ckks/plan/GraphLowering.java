package dev.hestyle.ckks.plan;

import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.ckks.linear.SegmentRows;
import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Relu;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens a graph into {@link Node}s: every maximal run of linear layers (upsample, pad, conv, batch norm —
 * so an upsample is fused into the convolution that follows it) becomes one segment; ReLUs and residual
 * boundaries separate segments. Where an activation or a residual add would not be preceded by a segment
 * or activation whose scale can be chosen freely, an identity segment is inserted (one level) so that the
 * interval scale factors always have a map to fold into.
 */
final class GraphLowering {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Layer> pending = new ArrayList<>();
    private Shape pendingIn;
    private String pendingLabel;
    private Shape shape;
    private int nextSkip;

    private GraphLowering(Shape input) {
        this.shape = input;
    }

    /**
     * @throws UnsupportedGraphException if the graph does not apply to {@code input}
     */
    static List<Node> lower(Sequential graph, Shape input) {
        try {
            graph.outputShape(input);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedGraphException("graph '" + graph.name() + "' does not apply to a " + input + " input: " + e.getMessage());
        }
        GraphLowering g = new GraphLowering(input);
        g.sequence(graph, graph.name().isEmpty() ? "net" : graph.name());
        g.flush();
        return List.copyOf(g.nodes);
    }

    private void sequence(Sequential s, String path) {
        String here = s.name().isEmpty() ? path : s.name();
        for (int i = 0; i < s.layers().size(); i++) {
            layer(s.layers().get(i), here, here + "/" + i);
        }
    }

    private void layer(Layer layer, String block, String path) {
        if (layer instanceof Upsample2d || layer instanceof ConstantPad2d || layer instanceof Conv2d || layer instanceof BatchNorm2d) {
            if (pending.isEmpty()) {
                pendingIn = shape;
                pendingLabel = block;
            } else if (layer instanceof Conv2d && !containsConv()) {
                pendingLabel = block;
            }
            pending.add(layer);
            shape = layer.outputShape(shape);
        } else if (layer instanceof Relu) {
            flush();
            requireScalableProducer(block + "/scale", false);
            nodes.add(new Node.Activation(block, shape));
        } else if (layer instanceof Residual r) {
            flush();
            int id = nextSkip++;
            String label = r.body().name().isEmpty() ? path : r.body().name();
            nodes.add(new Node.Save(label, id, shape));
            Shape in = shape;
            sequence(r.body(), label);
            flush();
            if (!shape.equals(in)) {
                throw new UnsupportedGraphException("residual body " + label + " changes shape " + in + " to " + shape);
            }
            requireScalableProducer(label + "/scale", true);
            nodes.add(new Node.Add(label, id, shape));
        } else if (layer instanceof Sequential s) {
            sequence(s, path);
        } else {
            throw new UnsupportedGraphException("layer " + layer.getClass().getSimpleName() + " at " + path + " cannot be lowered to CKKS");
        }
    }

    private boolean containsConv() {
        return pending.stream().anyMatch(l -> l instanceof Conv2d);
    }

    /** Inserts an identity segment unless the last node is a segment (or, for a residual add, an activation). */
    private void requireScalableProducer(String label, boolean activationAllowed) {
        Node last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        if (last instanceof Node.Segment || activationAllowed && last instanceof Node.Activation) {
            return;
        }
        nodes.add(new Node.Segment(label, SegmentRows.of(shape, List.of())));
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        SegmentRows affine;
        try {
            affine = SegmentRows.of(pendingIn, pending);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedGraphException("cannot fuse the linear layers of " + pendingLabel + ": " + e.getMessage());
        }
        nodes.add(new Node.Segment(pendingLabel, affine));
        pending.clear();
    }
}
