package dev.hestyle.ckks.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hestyle.ckks.engine.ActivationInterval;
import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.ckks.linear.LinearMap;
import dev.hestyle.ckks.linear.TensorAffine;
import dev.hestyle.ckks.poly.ReluFit;
import dev.hestyle.ckks.program.Bootstrap;
import dev.hestyle.ckks.program.LinearStep;
import dev.hestyle.ckks.program.PolyActivation;
import dev.hestyle.ckks.program.Step;
import dev.hestyle.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapPlacementTest {
    static final Shape S = new Shape(1, 4, 4);
    static final SlotLayout L = SlotLayout.of(S, 4, 4, 16);
    static final LinearStep LIN = new LinearStep("lin", LinearMap.build(TensorAffine.identity(S), L, L));
    static final PolyActivation RELU3 = new PolyActivation("relu", ReluFit.fitUniform(3), new ActivationInterval("relu", 2), 1);

    /** lin relu lin relu lin: 1 + 3 + 1 + 3 + 1 = 9 levels. */
    static final List<Step> STEPS = List.of(LIN, RELU3, LIN, RELU3, LIN);

    @Test
    void bootstrapsWhereTheValueIsFewestCiphertexts() {
        // 8 fresh levels and 4 after a bootstrap: one bootstrap, before the second ReLU (index 3) or after it (4)
        assertEquals(List.of(4), bootstrapsBefore(BootstrapPlacement.place(STEPS, new int[] {0, 1, 0, 1, 1}, 8, 4)));
        // the later point is preferred at equal cost; a dearer later point moves it earlier
        assertEquals(List.of(3), bootstrapsBefore(BootstrapPlacement.place(STEPS, new int[] {0, 1, 0, 1, 4}, 8, 4)));
        assertEquals(1, costOf(BootstrapPlacement.place(STEPS, new int[] {0, 1, 0, 1, 4}, 8, 4), new int[] {0, 1, 0, 1, 4}));
        // with 5 fresh levels: one dear bootstrap before the second ReLU, or two cheap ones around it
        assertEquals(List.of(2, 4), bootstrapsBefore(BootstrapPlacement.place(STEPS, new int[] {0, 1, 1, 9, 1}, 5, 4)));
        assertEquals(2, costOf(BootstrapPlacement.place(STEPS, new int[] {0, 1, 1, 9, 1}, 5, 4), new int[] {0, 1, 1, 9, 1}));
        assertEquals(List.of(3), bootstrapsBefore(BootstrapPlacement.place(STEPS, new int[] {0, 1, 2, 3, 2}, 5, 4)));
    }

    @Test
    void noPlacementWhereNoBootstrapMayGo() {
        assertNull(BootstrapPlacement.place(STEPS, new int[5], 5, 4));
        assertEquals(0, costOf(BootstrapPlacement.place(STEPS, new int[5], 9, 4), new int[5]));
    }

    /** Total cost of the bootstraps in {@code placed}, each the cost of the step it precedes. */
    private static int costOf(List<Step> placed, int[] cost) {
        int total = 0;
        for (int i : bootstrapsBefore(placed)) {
            total += cost[i];
        }
        return total;
    }

    private static List<Integer> bootstrapsBefore(List<Step> placed) {
        List<Integer> at = new ArrayList<>();
        int original = 0;
        for (Step s : placed) {
            if (s instanceof Bootstrap) {
                at.add(original);
            } else {
                original++;
            }
        }
        return at;
    }
}
