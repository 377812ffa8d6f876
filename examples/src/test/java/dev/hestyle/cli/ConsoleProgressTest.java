package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void oneBarPerPhaseRedrawnInPlace() {
        StringWriter sw = new StringWriter();
        try (ConsoleProgress p = ConsoleProgress.bars(new PrintWriter(sw))) {
            for (int i = 1; i <= 4; i++) {
                p.onProgress("keygen", i, 4);
            }
            p.onProgress("eval", 1, 400);
            p.onProgress("eval", 2, 400); // same percentage: not redrawn
            p.onProgress("eval", 200, 400);
        }
        String[] lines = sw.toString().split("\n", -1);
        assertEquals(3, lines.length, sw::toString);
        assertEquals(4, lines[0].chars().filter(c -> c == '\r').count(), "keygen drawn at 25/50/75/100%");
        assertTrue(lines[0].contains("100% 4/4"), lines[0]);
        assertTrue(lines[0].contains("[" + "#".repeat(30) + "]"), lines[0]);
        assertEquals(2, lines[1].chars().filter(c -> c == '\r').count(), "eval drawn at 0% and 50%: " + lines[1]);
        assertTrue(lines[1].contains(" 50% 200/400"), lines[1]);
        assertEquals("", lines[2], "close ends the open bar line");
    }

    @Test
    void closeStartsAFreshBarForTheSamePhase() {
        StringWriter sw = new StringWriter();
        ConsoleProgress p = ConsoleProgress.bars(new PrintWriter(sw));
        p.onProgress("eval", 1, 1);
        p.close();
        p.onProgress("eval", 1, 1);
        p.close();
        assertEquals(2, sw.toString().split("\n").length, sw::toString);
    }
}
