package dev.hestyle.ckks.plan;

import static dev.hestyle.ckks.plan.PlannerTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.backend.clear.ClearInterpreter;
import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.testing.Runs;
import dev.hestyle.ckks.testing.TestNets;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Mosaic-shaped network on images larger than one ciphertext holds: tensors spread over several
 * ciphertexts, every linear layer a block matrix, and the client-aided result still the clear network's
 * (the full-size image, no tiles).
 */
class LargeImagePlanTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"64,64", "48,64"})
    void clientAidedOnALargeImageIsTheClearNetwork(int h, int w) {
        Random r = new Random(h * 1000 + w);
        Sequential g = TestNets.mosaicShaped(r);
        Shape in = new Shape(3, h, w);
        long t0 = System.nanoTime();
        Plan plan = Planner.plan(g, in, CompileOptions.defaults().withMode(Mode.CLIENT_AIDED), new Capabilities(false, 8192, 2, 0, 0));
        assertEquals(8192, plan.parameterRequest().slots());
        assertTrue(plan.program().inputLayout().ciphertexts() > 1, plan.program().inputLayout().describe());
        Tensor x = TestNets.random(r, in, 1.0);
        Runs.Result run = Runs.run(plan, x);
        assertEquals(plan.graph().cost(), run.counts());
        assertEquals(0, run.leaked());
        assertEquals(10, run.roundTrips());
        assertClose(ClearInterpreter.run(g, x), run.output(), 1e-8, h + "x" + w + " client-aided");
        System.out.printf("%dx%d: %s, %d graph ops, %.1f s%n", h, w, plan.graph().cost(), plan.graph().ops().size(), (System.nanoTime() - t0) / 1e9);
    }
}
