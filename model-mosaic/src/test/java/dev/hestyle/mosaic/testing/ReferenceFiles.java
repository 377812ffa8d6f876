package dev.hestyle.mosaic.testing;

import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads {@code <id>.output.f32}: float32 little-endian, CHW 3x32x32, on the 0..1 scale. */
public final class ReferenceFiles {
    private ReferenceFiles() {
    }

    public static Tensor outputF32(String id) {
        Path p = SharedData.reference(id + ".output.f32");
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
            Shape s = new Shape(3, 32, 32);
            if (b.capacity() != s.size() * 4) {
                throw new IllegalStateException(p + " has " + b.capacity() + " bytes, expected " + s.size() * 4);
            }
            double[] d = new double[s.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = b.getFloat(i * 4);
            }
            return Tensor.of(s, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
