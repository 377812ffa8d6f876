package dev.hestyle.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hestyle.cli.json.JsonReader;
import dev.hestyle.cli.json.JsonSyntaxException;
import dev.hestyle.cli.json.JsonWriter;
import java.nio.charset.StandardCharsets;

/**
 * JSON bodies as they arrive over HTTP (UTF-8 bytes). Bad text is refused with {@link JsonSyntaxException}; a value
 * that parses must come back equal after {@link JsonWriter} and another trip through UTF-8.
 */
class JsonFuzzTest {

    @FuzzTest
    void parse(byte[] bytes) {
        Refusals.onlyAs(JsonSyntaxException.class, () -> {
            Object value = JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
            String text = JsonWriter.write(value);
            Object again = JsonReader.parse(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            assertEquals(value, again, () -> "JSON did not survive writing and reading back: " + text);
        });
    }
}
