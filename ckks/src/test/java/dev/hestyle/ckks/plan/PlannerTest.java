package dev.hestyle.ckks.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.backend.clear.ClearInterpreter;
import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.program.Bootstrap;
import dev.hestyle.ckks.program.PlainInterpreter;
import dev.hestyle.ckks.program.PlainInterpreter.Activations;
import dev.hestyle.ckks.program.PolyActivation;
import dev.hestyle.ckks.testing.Runs;
import dev.hestyle.ckks.testing.TestNets;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Security;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static final Shape SMALL_IN = new Shape(2, 8, 8);
    /** Bootstrapping engine: 8 levels fresh and after a bootstrap; 2 levels without bootstrapping. */
    static final Capabilities BOOT8 = new Capabilities(true, 1 << 15, 2, 8, 8);

    static CompileOptions options(Mode mode, int depth, List<Tensor> calibration) {
        return new CompileOptions(mode, depth, Security.INSECURE_TEST_ONLY, calibration, null);
    }

    @Test
    void smallNetworkNonInteractiveRunsAsPlanned() {
        Random r = new Random(21);
        Sequential g = TestNets.small(r);
        List<Tensor> cal = TestNets.random(r, SMALL_IN, 1.0, 4);
        Plan plan = Planner.plan(g, SMALL_IN, options(Mode.NON_INTERACTIVE, 3, cal), BOOT8);
        assertTrue(plan.program().needsBootstrapping(), plan.toString());
        assertTrue(plan.levels().ok() && plan.levels().minLevel() >= 0);

        Tensor x = cal.get(1);
        Tensor oracle = ClearInterpreter.run(g, x);
        // with exact ReLUs the scaled program is the network: every folded factor cancels
        assertClose(oracle, PlainInterpreter.run(plan.program(), x, Activations.EXACT_CHECKED), 1e-9, "exact activations");

        Runs.Result run = Runs.run(plan, x);
        assertEquals(plan.graph().cost(), run.counts(), "counted operations equal the plan's");
        assertEquals(plan.levels().after()[plan.program().steps().size() - 1], run.outputLevel());
        assertEquals(0, run.leaked(), "every intermediate ciphertext is closed");
        assertClose(PlainInterpreter.run(plan.program(), x, Activations.POLYNOMIAL), run.output(), 1e-9, "encrypted path = plain polynomial path");
        // a depth-3 polynomial is a rough ReLU, but the result must still resemble the network's
        assertTrue(run.output().maxAbsDiff(oracle) < 0.5 * oracle.maxAbs(), "polynomial output far from the network's");
    }

    @Test
    void smallNetworkClientAidedIsExact() {
        Random r = new Random(22);
        Sequential g = TestNets.small(r);
        Plan plan = Planner.plan(g, SMALL_IN, options(Mode.CLIENT_AIDED, 5, List.of()), new Capabilities(false, 1 << 13, 2, 0, 0));
        assertEquals(2, plan.parameterRequest().levels());
        assertTrue(!plan.program().needsBootstrapping());
        Tensor x = TestNets.random(r, SMALL_IN, 1.0);
        Runs.Result run = Runs.run(plan, x);
        assertEquals(g.reluCount(), run.roundTrips());
        assertEquals(plan.graph().cost(), run.counts());
        assertEquals(0, run.leaked());
        assertClose(ClearInterpreter.run(g, x), run.output(), 1e-9, "client-aided");
    }

    @Test
    void mosaicShapedPlanMeetsTheTargets() {
        Random r = new Random(1);
        Sequential g = TestNets.mosaicShaped(r);
        Shape in = new Shape(3, 32, 32);
        List<Tensor> cal = TestNets.random(r, in, 1.0, 3);
        for (int depth : new int[] {5, 6}) {
            Plan plan = Planner.plan(g, in, options(Mode.NON_INTERACTIVE, depth, cal), BOOT8);
            var ops = plan.graph().cost();
            String what = "depth " + depth + ": " + plan;
            assertTrue(ops.rotations() <= 700, what);
            assertTrue(ops.ptMults() <= 8000, what);
            assertTrue(ops.bootstraps() <= 10, what);
            assertEquals(10, plan.program().steps().stream().filter(s -> s instanceof PolyActivation).count());
            assertTrue(plan.levels().ok() && plan.levels().minLevel() >= 0, what);
            assertTrue(plan.levelsAfterBootstrap() == 8 && plan.freshLevels() <= 8, what);
            assertEquals(16, plan.program().steps().stream().filter(s -> s instanceof dev.hestyle.ckks.program.LinearStep).count(),
                    "16 convolutions, one map each");
            if (depth == 5) {
                Tensor x = cal.get(0);
                Runs.Result run = Runs.run(plan, x);
                assertEquals(ops, run.counts());
                assertEquals(0, run.leaked());
                assertClose(PlainInterpreter.run(plan.program(), x, Activations.POLYNOMIAL), run.output(), 1e-8, "mosaic-shaped encrypted path");
                assertClose(ClearInterpreter.run(g, x), PlainInterpreter.run(plan.program(), x, Activations.EXACT_CHECKED), 1e-8,
                        "mosaic-shaped exact activations");
            }
        }
    }

    @Test
    void mosaicShapedClientAidedSegmentsFitTwoLevels() {
        Random r = new Random(2);
        Sequential g = TestNets.mosaicShaped(r);
        Shape in = new Shape(3, 32, 32);
        // an N=2^14 engine: 8192 slots, depth 2, no bootstrapping
        Plan plan = Planner.plan(g, in, options(Mode.CLIENT_AIDED, 5, List.of()), new Capabilities(false, 8192, 2, 0, 0));
        assertEquals(2, plan.parameterRequest().levels());
        assertEquals(8192, plan.parameterRequest().slots());
        assertEquals(10, plan.program().clientActivations().size());
        Tensor x = TestNets.random(r, in, 1.0);
        Runs.Result run = Runs.run(plan, x);
        assertEquals(10, run.roundTrips());
        assertClose(ClearInterpreter.run(g, x), run.output(), 1e-8, "client-aided mosaic-shaped");
    }

    @Test
    void adaptsToParametersWithMoreLevels() {
        Random r = new Random(26);
        Sequential g = TestNets.mosaicShaped(r);
        Shape in = new Shape(3, 32, 32);
        Plan plan = Planner.plan(g, in, options(Mode.NON_INTERACTIVE, 5, TestNets.random(r, in, 1.0, 2)), BOOT8);
        var params = new dev.hestyle.ckks.engine.CkksParameters("test", Security.INSECURE_TEST_ONLY, 0, "none", 16, 8192, 50, 20, true, 10,
                java.util.Map.of());
        Plan adapted = plan.adaptTo(params);
        assertEquals(20, adapted.freshLevels());
        assertEquals(10, adapted.levelsAfterBootstrap());
        assertTrue(adapted.levels().ok());
        assertTrue(adapted.graph().cost().bootstraps() < plan.graph().cost().bootstraps(), adapted + " vs " + plan);
        var fewerSlots = new dev.hestyle.ckks.engine.CkksParameters("test", Security.INSECURE_TEST_ONLY, 0, "none", 16, 4096, 50, 20, true, 10,
                java.util.Map.of());
        assertThrows(UnsupportedGraphException.class, () -> plan.adaptTo(fewerSlots));
    }

    @Test
    void refusesWhatTheEngineCannotDo() {
        Random r = new Random(23);
        Sequential g = TestNets.small(r);
        List<Tensor> cal = TestNets.random(r, SMALL_IN, 1.0, 2);
        UnsupportedGraphException noBoot = assertThrows(UnsupportedGraphException.class,
                () -> Planner.plan(g, SMALL_IN, options(Mode.NON_INTERACTIVE, 5, cal), new Capabilities(false, 8192, 10, 0, 0)));
        assertTrue(noBoot.getMessage().contains("needs") && noBoot.getMessage().contains("client-aided"), noBoot.getMessage());

        UnsupportedGraphException shallow = assertThrows(UnsupportedGraphException.class,
                () -> Planner.plan(g, SMALL_IN, options(Mode.NON_INTERACTIVE, 5, cal), new Capabilities(true, 8192, 2, 4, 4)));
        assertTrue(shallow.getMessage().contains("needs 5 levels") && shallow.getMessage().contains("a bootstrap leaves 4"), shallow.getMessage());

        UnsupportedGraphException uncalibrated = assertThrows(UnsupportedGraphException.class,
                () -> Planner.plan(g, SMALL_IN, options(Mode.NON_INTERACTIVE, 3, List.of()), BOOT8));
        assertTrue(uncalibrated.getMessage().contains("calibration inputs"), uncalibrated.getMessage());

        UnsupportedGraphException oneLevel = assertThrows(UnsupportedGraphException.class,
                () -> Planner.plan(g, SMALL_IN, options(Mode.CLIENT_AIDED, 3, List.of()), new Capabilities(false, 8192, 1, 0, 0)));
        assertTrue(oneLevel.getMessage().contains("needs 2 levels"), oneLevel.getMessage());
    }

    @Test
    void tensorsLargerThanOneCiphertextSpanSeveralAndStayExact() {
        Random r = new Random(24);
        Sequential g = TestNets.small(r);
        // 64 slots: the tensors of the small network need several ciphertexts
        Plan plan = Planner.plan(g, SMALL_IN, options(Mode.CLIENT_AIDED, 3, List.of()), new Capabilities(false, 64, 2, 0, 0));
        assertEquals(64, plan.parameterRequest().slots());
        assertTrue(plan.program().inputLayout().ciphertexts() > 1, plan.program().inputLayout().describe());
        Tensor x = TestNets.random(r, SMALL_IN, 1.0);
        Runs.Result run = Runs.run(plan, x);
        assertEquals(plan.graph().cost(), run.counts());
        assertEquals(0, run.leaked(), "every intermediate ciphertext is closed");
        assertEquals(g.reluCount(), run.roundTrips(), "one round trip per activation, whatever the ciphertext count");
        assertClose(ClearInterpreter.run(g, x), run.output(), 1e-9, "client-aided over several ciphertexts");

        List<Tensor> cal = TestNets.random(r, SMALL_IN, 1.0, 4);
        Plan ni = Planner.plan(g, SMALL_IN, options(Mode.NON_INTERACTIVE, 3, cal), new Capabilities(true, 64, 8, 8, 8));
        Tensor y = cal.get(2);
        assertClose(ClearInterpreter.run(g, y), PlainInterpreter.run(ni.program(), y, Activations.EXACT_CHECKED), 1e-9, "exact activations");
        Runs.Result nrun = Runs.run(ni, y);
        assertEquals(ni.graph().cost(), nrun.counts());
        assertEquals(0, nrun.leaked());
        assertClose(PlainInterpreter.run(ni.program(), y, Activations.POLYNOMIAL), nrun.output(), 1e-9, "encrypted path = plain polynomial path");
    }

    @Test
    void onlyPlansThatBootstrapMayUseTheLargerBootstrapCiphertexts() {
        Random r = new Random(25);
        Sequential g = TestNets.small(r);
        List<Tensor> cal = TestNets.random(r, SMALL_IN, 1.0, 4);
        // 2 leveled levels cannot hold the activations at depth 3, so the plan bootstraps: its ciphertexts may hold
        // 4096 slots where others hold 64, and the small network's tensors then fit one each
        Capabilities caps = new Capabilities(true, 64, 2, 8, 8, 4096);
        Plan ni = Planner.plan(g, SMALL_IN, options(Mode.NON_INTERACTIVE, 3, cal), caps);
        assertTrue(ni.program().needsBootstrapping(), ni.toString());
        assertTrue(ni.parameterRequest().slots() > 64 && ni.parameterRequest().slots() <= 4096, ni.toString());
        assertEquals(1, ni.program().inputLayout().ciphertexts(), ni.program().inputLayout().describe());
        Tensor y = cal.get(1);
        assertClose(ClearInterpreter.run(g, y), PlainInterpreter.run(ni.program(), y, Activations.EXACT_CHECKED), 1e-9, "exact activations");
        Runs.Result run = Runs.run(ni, y);
        assertEquals(ni.graph().cost(), run.counts());
        assertClose(PlainInterpreter.run(ni.program(), y, Activations.POLYNOMIAL), run.output(), 1e-9, "encrypted path = plain polynomial path");
        // client-aided plans and plans that fit the leveled sets stay within maxSlots
        Plan ca = Planner.plan(g, SMALL_IN, options(Mode.CLIENT_AIDED, 3, List.of()), caps);
        assertEquals(64, ca.parameterRequest().slots());
        assertTrue(ca.program().inputLayout().ciphertexts() > 1);
        Plan leveled = Planner.plan(g, SMALL_IN, options(Mode.NON_INTERACTIVE, 3, cal), new Capabilities(true, 64, 30, 8, 8, 4096));
        assertFalse(leveled.program().needsBootstrapping(), leveled.toString());
        assertEquals(64, leveled.parameterRequest().slots());
    }

    @Test
    void activationOutsideItsIntervalIsReportedNotReturned() {
        Random r = new Random(24);
        Sequential g = TestNets.small(r);
        List<Tensor> cal = TestNets.random(r, SMALL_IN, 0.1, 2);
        Plan plan = Planner.plan(g, SMALL_IN, options(Mode.NON_INTERACTIVE, 3, cal), BOOT8);
        Tensor big = TestNets.random(r, SMALL_IN, 10.0);
        EvaluationException plain = assertThrows(EvaluationException.class, () -> PlainInterpreter.run(plan.program(), big, Activations.POLYNOMIAL));
        assertTrue(plain.getMessage().contains("activation input outside calibrated interval") && plain.getMessage().contains("at layer s.0"),
                plain.getMessage());
        EvaluationException enc = assertThrows(EvaluationException.class, () -> Runs.run(plan, big));
        assertTrue(enc.getMessage().contains("activation input outside calibrated interval"), enc.getMessage());
    }

    @Test
    void bootstrapsAreOnlyPlacedWhereValuesAreNormalised() {
        Random r = new Random(25);
        Sequential g = TestNets.mosaicShaped(r);
        Shape in = new Shape(3, 32, 32);
        List<Tensor> cal = TestNets.random(r, in, 1.0, 2);
        // depth 7 with 8 levels: the residual stream itself must be bootstrapped
        Plan plan = Planner.plan(g, in, options(Mode.NON_INTERACTIVE, 7, cal), BOOT8);
        assertTrue(plan.levels().ok());
        var steps = plan.program().steps();
        long onStream = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Bootstrap && !(steps.get(i + 1) instanceof PolyActivation)) {
                onStream++;
            }
        }
        assertTrue(onStream > 0, "expected bootstraps of the residual stream: " + plan);
        // checked plain run: every bootstrap input and activation input in [-1, 1]
        assertClose(ClearInterpreter.run(g, cal.get(0)), PlainInterpreter.run(plan.program(), cal.get(0), Activations.EXACT_CHECKED), 1e-8,
                "depth 7");
    }

    static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertEquals(expected.shape(), actual.shape(), what);
        double err = expected.maxAbsDiff(actual);
        assertTrue(err <= tol * Math.max(1, expected.maxAbs()), what + ": max error " + err);
    }
}
