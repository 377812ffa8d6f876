package dev.hestyle.backend.clear;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Relu;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.tensor.Shape;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The clear backend's "parameter hash": a SHA-256 of what the graph computes (layer kinds, sizes and
 * every weight bit) and the input shape. Artifacts made for another graph are refused by it. Layer
 * names are left out because they do not change the result.
 */
final class GraphDigest {
    private GraphDigest() {
    }

    static String of(Sequential graph, Shape inputShape) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), md))) {
            out.writeUTF("hestyle-clear-graph/1");
            out.writeInt(inputShape.channels());
            out.writeInt(inputShape.height());
            out.writeInt(inputShape.width());
            write(out, graph);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void write(DataOutputStream out, Layer layer) throws IOException {
        if (layer instanceof Conv2d c) {
            out.writeUTF("conv");
            out.writeInt(c.inChannels());
            out.writeInt(c.outChannels());
            out.writeInt(c.kernel());
            out.writeInt(c.stride());
            doubles(out, c.weight());
            doubles(out, c.bias());
        } else if (layer instanceof BatchNorm2d b) {
            out.writeUTF("bn");
            out.writeInt(b.channels());
            doubles(out, b.gamma());
            doubles(out, b.beta());
            doubles(out, b.mean());
            doubles(out, b.var());
            out.writeDouble(b.eps());
        } else if (layer instanceof ConstantPad2d p) {
            out.writeUTF("pad");
            out.writeInt(p.pad());
            out.writeDouble(p.value());
        } else if (layer instanceof Upsample2d u) {
            out.writeUTF("up");
            out.writeInt(u.scale());
        } else if (layer instanceof Relu) {
            out.writeUTF("relu");
        } else if (layer instanceof Residual r) {
            out.writeUTF("residual");
            write(out, r.body());
        } else if (layer instanceof Sequential s) {
            out.writeUTF("seq");
            out.writeInt(s.layers().size());
            for (Layer child : s.layers()) {
                write(out, child);
            }
        } else {
            throw new IllegalStateException("no digest for layer " + layer.getClass().getName());
        }
    }

    private static void doubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }
}
