package dev.hestyle.cli.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What fuzzing the reader and writer turned up: each case failed before the fix. */
class JsonStrictnessTest {

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(deep));
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        JsonReader.parse(ok);
    }

    @Test
    void numbersOutsideTheJsonGrammarAreRefused() {
        for (String bad : new String[] {".5", "01", "-01", "1.", "1.e5", "+1", "1e+", "1-2", "1e5e5", "0x10", "1E400", "-1e999"}) {
            assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(bad), bad);
        }
        assertEquals(List.of(0L, -0.0, 0.5, 1e-5, 120.0), JsonReader.parse("[0, -0.0, 0.5, 1e-5, 1.2E+2]"));
    }

    @Test
    void integersBeyondLongAreReadAsDoubles() {
        assertEquals(1.2345678901234567e19, JsonReader.parse("12345678901234567890"));
        assertEquals(Long.MIN_VALUE, JsonReader.parse("-9223372036854775808"));
    }

    @Test
    void unicodeEscapesTakeExactlyFourHexDigits() {
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("\"\\u+041\""));
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("\"\\u-041\""));
        assertEquals("A\u00e9", JsonReader.parse("\"\\u0041\\u00E9\""));
    }

    @Test
    void loneSurrogatesSurviveUtf8() {
        String s = "x\ud800y\udc00\ud83d\ude00";
        byte[] wire = JsonWriter.write(s).getBytes(StandardCharsets.UTF_8);
        assertEquals(s, JsonReader.parse(new String(wire, StandardCharsets.UTF_8)));
    }
}
