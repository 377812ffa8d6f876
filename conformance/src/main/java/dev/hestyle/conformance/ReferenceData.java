package dev.hestyle.conformance;

import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the shared test data lives and how to read it. The folder holds {@code seed/} (the checkpoint),
 * {@code reference/} (inputs and the clear network's exact outputs for eight 32x32 images, see its
 * README) and {@code reference-large/} (the same for larger images, each id naming its size as
 * {@code HxW}). It is found through the system property {@value #PROPERTY}, else {@code ../shared} or
 * {@code ../../shared} relative to the working directory. Missing data is an error, never a skip.
 */
public final class ReferenceData {
    /** System property naming the shared data folder. */
    public static final String PROPERTY = "hestyle.shared";
    /** The eight reference images. */
    public static final List<String> IMAGE_IDS = List.of("10", "59665", "59689", "59776", "59796", "59801", "632", "6327");
    /** The shape of the network's output and of the {@code .output.f32} files of {@code reference/}. */
    public static final Shape OUTPUT_SHAPE = new Shape(3, 32, 32);
    /** The images of {@code reference-large/}, smallest first: square sizes 64 to 256 and one 96x128 (height x width). */
    public static final List<String> LARGE_IMAGE_IDS = List.of("chelsea-64x64", "coffee-64x64", "rocket-96x128", "chelsea-128x128",
            "coffee-128x128", "coffee-256x256");

    private ReferenceData() {
    }

    /**
     * The shared data folder.
     *
     * @throws IllegalStateException naming every place looked at, if none holds {@code reference/README.md}
     */
    public static Path sharedDirectory() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        candidates.add(Path.of("..", "shared"));
        candidates.add(Path.of("..", "..", "shared"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("reference").resolve("README.md"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("shared test data not found: looked for reference/README.md in " + candidates.stream()
                .map(p -> p.toAbsolutePath().normalize().toString()).toList() + ". Set -D" + PROPERTY + "=<folder holding seed/ and reference/>.");
    }

    /** The folder with {@code <id>.input.png}, {@code <id>.output.png} and {@code <id>.output.f32}. */
    public static Path referenceDirectory() {
        return sharedDirectory().resolve("reference");
    }

    /** The folder with the large images, named like {@link #referenceDirectory()}'s. */
    public static Path largeDirectory() {
        return sharedDirectory().resolve("reference-large");
    }

    /** The Mosaic checkpoint the reference outputs were computed from. */
    public static Path checkpoint() {
        return existing(sharedDirectory().resolve("seed").resolve("checkpoints").resolve("Mosaic-last_checkpoint.pth"));
    }

    /** The reference input image of {@code id}. */
    public static Path input(String id) {
        return existing(referenceDirectory().resolve(id + ".input.png"));
    }

    /** The clear network's 8-bit output for {@code id}. */
    public static Path output(String id) {
        return existing(referenceDirectory().resolve(id + ".output.png"));
    }

    /** The clear network's output before rounding, denormalised to the 0..1 scale. */
    public static Tensor floatOutput(String id) {
        return readFloat32(existing(referenceDirectory().resolve(id + ".output.f32")), OUTPUT_SHAPE);
    }

    /** The large reference input {@code id}, at exactly the size the network runs it at. */
    public static Path largeInput(String id) {
        return existing(largeDirectory().resolve(id + ".input.png"));
    }

    /** The clear network's 8-bit output for the large image {@code id}. */
    public static Path largeOutput(String id) {
        return existing(largeDirectory().resolve(id + ".output.png"));
    }

    /** The clear network's output for the large image {@code id} before rounding, 0..1 scale, of {@code shape}. */
    public static Tensor largeFloatOutput(String id, Shape shape) {
        return readFloat32(existing(largeDirectory().resolve(id + ".output.f32")), shape);
    }

    /** Reads little-endian float32 values in CHW order. */
    public static Tensor readFloat32(Path file, Shape shape) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (bytes.length != 4L * shape.size()) {
            throw new IllegalStateException(file + " holds " + bytes.length + " bytes, expected " + 4L * shape.size() + " for float32 " + shape);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = buf.getFloat();
        }
        return Tensor.of(shape, values);
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared test data is incomplete: " + p.toAbsolutePath().normalize() + " is missing");
        }
        return p;
    }
}
