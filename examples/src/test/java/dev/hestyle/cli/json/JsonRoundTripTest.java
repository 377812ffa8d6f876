package dev.hestyle.cli.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRoundTripTest {

    @Test
    void writesAndReadsBackNestedValues() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("pi", 3.25);
        inner.put("tiny", 1.5e-12);
        inner.put("none", null);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        doc.put("count", 42L);
        doc.put("negative", -7);
        doc.put("ok", true);
        doc.put("list", Arrays.asList(1, "two", null, List.of()));
        doc.put("empty", Map.of());
        doc.put("inner", inner);

        Object back = JsonReader.parse(JsonWriter.write(doc));

        Map<String, Object> expected = new LinkedHashMap<>(doc);
        expected.put("negative", -7L);
        expected.put("list", Arrays.asList(1L, "two", null, List.of()));
        assertEquals(expected, back);
        assertEquals(List.copyOf(doc.keySet()), List.copyOf(((Map<?, ?>) back).keySet()), "order kept");
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertEquals(Arrays.asList(null, null, 1.0), JsonReader.parse(JsonWriter.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, 1.0))));
    }

    @Test
    void rejectsInvalidText() {
        for (String bad : new String[] {"", "{", "[1,]", "{\"a\" 1}", "{a:1}", "\"open", "01x", "[1] 2", "tru", "-", "1e"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid JSON at offset"), e.getMessage());
        }
    }
}
