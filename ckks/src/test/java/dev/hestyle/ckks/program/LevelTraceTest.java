package dev.hestyle.ckks.program;

import dev.hestyle.ckks.engine.ActivationInterval;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.ckks.linear.LinearMap;
import dev.hestyle.ckks.linear.TensorAffine;
import dev.hestyle.ckks.poly.ReluFit;
import dev.hestyle.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelTraceTest {
    static final Shape S = new Shape(1, 4, 4);
    static final SlotLayout L = SlotLayout.of(S, 4, 4, 16);
    static final LinearStep LIN = new LinearStep("lin", LinearMap.build(TensorAffine.identity(S), L, L));
    static final PolyActivation POLY = new PolyActivation("relu", ReluFit.fitUniform(3), new ActivationInterval("relu", 2), 1);

    @Test
    void multiplicationsCostLevelsAndAddsTakeTheLower() {
        List<Step> steps = List.of(LIN, new SaveSkip("r", 0), LIN, POLY, new Bootstrap("b"), LIN, new AddSkip("r", 0), LIN);
        LevelTrace t = LevelTrace.of(steps, 6, 8, 0);
        assertTrue(t.ok(), t.failure());
        assertArrayEquals(new int[] {6, 5, 5, 4, 1, 8, 7, 5}, t.before());
        assertArrayEquals(new int[] {5, 5, 4, 1, 8, 7, 5, 4}, t.after());
        assertEquals(1, t.minLevel());
        assertEquals(5, t.levelsUsed());
    }

    @Test
    void reportsTheFirstStepThatRunsOut() {
        LevelTrace t = LevelTrace.of(List.of(LIN, POLY, LIN), 3, 0, 0);
        assertFalse(t.ok());
        assertTrue(t.failure().contains("step 1 (relu-poly at relu) needs 3 level(s) but the value has 2"), t.failure());
    }

    @Test
    void clientStepsRefreshToTheFreshLevel() {
        ClientActivation c = new ClientActivation("relu", 0, L, 1, 1);
        LevelTrace t = LevelTrace.of(List.of(LIN, LIN, c, LIN, LIN), 2, 0, 2);
        assertTrue(t.ok());
        assertEquals(2, t.levelsUsed());
        assertFalse(LevelTrace.of(List.of(LIN, LIN, c, LIN, LIN), 1, 0, 1).ok());
    }
}
