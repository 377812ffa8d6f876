package dev.hestyle.mosaic.samples;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.RgbImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic, procedurally drawn RGB test images, identical on every run. Most are natural-looking scenes
 * with smooth colour fields and soft textures (the statistics of small photos like CIFAR's); a minority are
 * hard patterns ({@link #patternNames()}) that push activations to their extremes.
 *
 * <pre>{@code
 * RgbImage img = SampleImages.named("landscape");          // 32x32
 * RgbImage demo = SampleImages.demo();                      // landscape at 128x128
 * List<RgbImage> calibration = SampleImages.all32();
 * }</pre>
 */
public final class SampleImages {
    /** Side of {@link #demo()}. */
    public static final int DEMO_SIZE = 128;
    /** Side of {@link #named(String)} and {@link #all32()}. */
    public static final int SMALL_SIZE = 32;
    /** Largest side drawn, so that a typo cannot ask for a gigapixel image. */
    public static final int MAX_SIDE = 4096;

    private static final Map<String, Scene> NATURAL = new LinkedHashMap<>();
    private static final Map<String, Scene> PATTERNS = new LinkedHashMap<>();
    private static volatile List<RgbImage> all32;

    static {
        natural("landscape", Landscapes::landscape);
        natural("sunset", Landscapes::sunset);
        natural("seascape", Landscapes::seascape);
        natural("mountains", Landscapes::mountains);
        natural("lake", Landscapes::lake);
        natural("desert", Landscapes::desert);
        natural("snow", Landscapes::snow);
        natural("clouds", Landscapes::clouds);
        natural("apple", Subjects::apple);
        natural("portrait", Subjects::portrait);
        natural("flower", Subjects::flower);
        natural("cat", Subjects::cat);
        natural("boat", Subjects::boat);
        natural("forest", Textures::forest);
        natural("meadow", Textures::meadow);
        natural("autumn", Textures::autumn);
        natural("city", Textures::city);
        PATTERNS.put("checkerboard", Patterns::checkerboard);
        PATTERNS.put("stripes", Patterns::stripes);
        PATTERNS.put("noise", Patterns::noise);
        PATTERNS.put("colour-bars", Patterns::colourBars);
    }

    private SampleImages() {
    }

    private static void natural(String name, Scene scene) {
        NATURAL.put(name, Grain.over(scene));
    }

    /** Every image name, natural scenes first, then patterns. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(NATURAL.keySet());
        all.addAll(PATTERNS.keySet());
        return Collections.unmodifiableList(all);
    }

    /** The natural-looking scenes. */
    public static List<String> naturalNames() {
        return List.copyOf(NATURAL.keySet());
    }

    /** The hard synthetic patterns. */
    public static List<String> patternNames() {
        return List.copyOf(PATTERNS.keySet());
    }

    /** The image {@code name} at 32x32. */
    public static RgbImage named(String name) {
        return named(name, SMALL_SIZE);
    }

    /**
     * The image {@code name} at {@code size} x {@code size}.
     *
     * @throws HestyleException naming the known images if {@code name} is unknown
     */
    public static RgbImage named(String name, int size) {
        return named(name, size, size);
    }

    /**
     * The image {@code name} drawn at {@code width} x {@code height} (the scene stretches with the frame).
     *
     * @throws HestyleException naming the known images if {@code name} is unknown
     */
    public static RgbImage named(String name, int width, int height) {
        if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
            throw new IllegalArgumentException("sample image sides must be 1.." + MAX_SIDE + ", got " + width + "x" + height);
        }
        Scene s = NATURAL.containsKey(name) ? NATURAL.get(name) : PATTERNS.get(name);
        if (s == null) {
            throw new HestyleException("no sample image '" + name + "'; known: " + names());
        }
        return SceneRenderer.render(s, width, height);
    }

    /** Every image at 32x32, in {@link #names()} order: the calibration set of the 32x32 network. */
    public static List<RgbImage> all32() {
        List<RgbImage> a = all32;
        if (a == null) {
            a = all(SMALL_SIZE, SMALL_SIZE);
            all32 = a;
        }
        return a;
    }

    /** Every image drawn at {@code width} x {@code height}, in {@link #names()} order. */
    public static List<RgbImage> all(int width, int height) {
        return names().stream().map(n -> named(n, width, height)).toList();
    }

    /** The landscape at {@value #DEMO_SIZE}x{@value #DEMO_SIZE}, e.g. for a README. */
    public static RgbImage demo() {
        return named("landscape", DEMO_SIZE);
    }
}
