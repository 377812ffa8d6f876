package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.RgbImage;
import dev.hestyle.cli.json.JsonReader;
import dev.hestyle.mosaic.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} on the clear backend over the shared reference images: the JSON report, read back. */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void clearBackendReproducesAllReferenceOutputs() throws IOException {
        Path json = tmp.resolve("bench.json");
        CliRun r = CliRun.of("bench", "--backend", "clear", "--images", SharedData.reference().toString(), "--json", json.toString(),
                "--checkpoint", SharedData.checkpoint().toString());
        assertEquals(Main.EXIT_OK, r.code(), r::toString);

        Map<String, Object> doc = object(JsonReader.parse(Files.readString(json)));
        assertEquals("clear", doc.get("backend"));
        assertEquals(Boolean.FALSE, doc.get("encrypts"));
        assertEquals("client-aided", doc.get("mode"), "the tool's default mode");
        assertTrue(doc.containsKey("security_bits") && doc.get("security_bits") == null, "clear has no security claim");
        assertTrue(doc.containsKey("secret_distribution"));

        List<String> expectedNames = referenceIds();
        assertEquals(8, expectedNames.size(), "the shared reference set has 8 images");
        List<Object> images = list(doc.get("images"));
        assertEquals(expectedNames.size(), images.size());
        double worst = Double.POSITIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < images.size(); i++) {
            Map<String, Object> img = object(images.get(i));
            assertEquals(expectedNames.get(i), img.get("name"), "sorted by file name");
            double psnr = number(img.get("psnr_db"));
            assertTrue(psnr >= 60 || psnr == 999, img.get("name") + ": PSNR " + psnr);
            long maxDiff = (Long) img.get("max_abs_diff");
            assertTrue(maxDiff >= 0 && maxDiff <= 255);
            assertEquals(psnr == 999, maxDiff == 0, "999 dB exactly when identical");
            Map<String, Object> secs = object(img.get("seconds"));
            for (String phase : new String[] {"keygen", "encrypt", "eval", "decrypt"}) {
                assertTrue(number(secs.get(phase)) >= 0, phase);
            }
            worst = Math.min(worst, psnr);
            sum += psnr;
        }
        assertEquals(worst, number(doc.get("worst_psnr_db")), 1e-9);
        assertEquals(sum / images.size(), number(doc.get("mean_psnr_db")), 1e-9);

        Map<String, Object> ops = object(doc.get("ops"));
        for (String k : new String[] {"rotations", "ct_mults", "pt_mults", "bootstraps"}) {
            assertInstanceOf(Long.class, ops.get(k), k);
        }
        Map<String, Object> plan = object(doc.get("plan"));
        for (String k : new String[] {"levels", "rotation_keys", "round_trips"}) {
            assertInstanceOf(Long.class, plan.get(k), k);
        }
        assertInstanceOf(Map.class, plan.get("details"));
        assertInstanceOf(Map.class, doc.get("details"));
        assertInstanceOf(Long.class, doc.get("eval_key_bytes"));
        assertTrue((Long) doc.get("ciphertext_bytes") > 0);
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue((Long) doc.get("peak_rss_bytes") > 0);
        } else {
            assertNull(doc.get("peak_rss_bytes"));
        }
        for (String name : expectedNames) {
            assertTrue(r.out().contains(name), "table row for " + name + ": " + r);
        }
    }

    @Test
    void limitAndImagesWithoutReference() throws IOException {
        Path dir = tmp.resolve("imgs");
        Files.createDirectories(dir);
        List<String> ids = referenceIds();
        // The first image keeps its reference output, the second has none: it is run but not scored.
        Files.copy(SharedData.reference().resolve(ids.get(0) + ".input.png"), dir.resolve("a.input.png"));
        Files.copy(SharedData.reference().resolve(ids.get(0) + ".output.png"), dir.resolve("a.output.png"));
        Files.copy(SharedData.reference().resolve(ids.get(1) + ".input.png"), dir.resolve("b.input.png"));
        Files.copy(SharedData.reference().resolve(ids.get(2) + ".input.png"), dir.resolve("c.input.png"));
        Path json = tmp.resolve("b.json");
        CliRun r = CliRun.of("bench", "--backend", "clear", "--images", dir.toString(), "--json", json.toString(),
                "--limit", "2", "--checkpoint", SharedData.checkpoint().toString());
        assertEquals(Main.EXIT_OK, r.code(), r::toString);
        Map<String, Object> doc = object(JsonReader.parse(Files.readString(json)));
        List<Object> images = list(doc.get("images"));
        assertEquals(2, images.size());
        assertNotNull(object(images.get(0)).get("psnr_db"));
        assertNull(object(images.get(1)).get("psnr_db"));
        assertNull(object(images.get(1)).get("max_abs_diff"));
        assertEquals(number(object(images.get(0)).get("psnr_db")), number(doc.get("worst_psnr_db")), 1e-9);
    }

    /** Images of three sizes: one compilation per size, each image at its own size, all equal to the references. */
    @Test
    void eachImageRunsAtItsOwnSize() throws IOException {
        Path dir = tmp.resolve("mixed");
        Files.createDirectories(dir);
        String small = referenceIds().get(0);
        Files.copy(SharedData.reference().resolve(small + ".input.png"), dir.resolve("a.input.png"));
        Files.copy(SharedData.reference().resolve(small + ".output.png"), dir.resolve("a.output.png"));
        for (String id : new String[] {"chelsea-64x64", "rocket-96x128", "coffee-64x64"}) {
            for (String suffix : new String[] {".input.png", ".output.png"}) {
                Files.copy(SharedData.referenceLarge().resolve(id + suffix), dir.resolve(id + suffix));
            }
        }
        // a size the network cannot run at fails that image only
        ImageFiles.writePng(new RgbImage(30, 32, new int[30 * 32]), dir.resolve("odd.input.png"));

        Path json = tmp.resolve("mixed.json");
        CliRun r = CliRun.of("bench", "--backend", "clear", "--images", dir.toString(), "--json", json.toString(),
                "--checkpoint", SharedData.checkpoint().toString());
        assertEquals(Main.EXIT_ERROR, r.code(), "the odd-sized image fails the run: " + r);
        Map<String, Object> doc = object(JsonReader.parse(Files.readString(json)));

        List<Object> images = list(doc.get("images"));
        List<String> names = images.stream().map(o -> (String) object(o).get("name")).toList();
        assertEquals(List.of("a", "chelsea-64x64", "coffee-64x64", "odd", "rocket-96x128"), names, "sorted by name");
        List<Object> sizesOfImages = images.stream().map(o -> object(o).get("size")).toList();
        assertEquals(Arrays.asList("32x32", "64x64", "64x64", null, "96x128"), sizesOfImages);
        for (Object o : images) {
            Map<String, Object> img = object(o);
            if (img.get("name").equals("odd")) {
                assertTrue(((String) img.get("error")).contains("multiples of 4"), img.toString());
            } else {
                assertTrue((Long) img.get("max_abs_diff") <= 1, img.toString());
            }
        }
        assertEquals(1L, doc.get("failed_count"));

        List<Object> sizes = list(doc.get("sizes"));
        assertEquals(List.of("32x32", "64x64", "96x128"), sizes.stream().map(o -> object(o).get("size")).toList(), "one compilation per size");
        assertEquals(List.of(1L, 2L, 1L), sizes.stream().map(o -> object(o).get("image_count")).toList());
        double total = 0;
        for (Object o : sizes) {
            Map<String, Object> sz = object(o);
            total += number(sz.get("compile_seconds"));
            assertInstanceOf(Map.class, sz.get("plan"));
        }
        assertEquals(total, number(doc.get("compile_seconds")), 1e-9);
        assertTrue(r.out().contains("96x128 (1 image): in "), r::toString);
        assertTrue(r.out().contains("64x64 (2 images): in "), r::toString);
    }

    @Test
    void folderWithoutInputsIsAnError() {
        CliRun r = CliRun.of("bench", "--backend", "clear", "--images", tmp.toString(), "--json", tmp.resolve("x.json").toString(),
                "--checkpoint", SharedData.checkpoint().toString());
        assertEquals(Main.EXIT_ERROR, r.code(), r::toString);
        assertTrue(r.err().contains("no *.input.png"), r::toString);
    }

    private static List<String> referenceIds() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.list(SharedData.reference())) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".input.png")).sorted()
                    .forEach(n -> ids.add(n.substring(0, n.length() - ".input.png".length())));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o) {
        return (Map<String, Object>) assertInstanceOf(Map.class, o);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) assertInstanceOf(List.class, o);
    }

    private static double number(Object o) {
        return assertInstanceOf(Number.class, o).doubleValue();
    }
}
