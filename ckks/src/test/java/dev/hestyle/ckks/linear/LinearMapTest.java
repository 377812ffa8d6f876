package dev.hestyle.ckks.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.backend.clear.ClearInterpreter;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.ckks.program.CountingEvaluator;
import dev.hestyle.ckks.testing.ExactCt;
import dev.hestyle.ckks.testing.Graphs;
import dev.hestyle.ckks.testing.ExactEvaluator;
import dev.hestyle.ckks.testing.TestNets;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.spi.OpCounts;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of linear segment, lowered to a slot map between the layouts the planner uses, against the
 * clear oracle on random tensors: through the baby-step/giant-step rotations on an exact evaluator (with
 * only the rotation keys the map declares) and through the plain slot evaluation.
 */
class LinearMapTest {
    private static final int SLOTS = 8192;

    static Stream<Arguments> segments() {
        Random r = new Random(7);
        return Stream.of(
                Arguments.of("pad+conv s1, 32 -> 32 channel-major", new Shape(3, 32, 32),
                        List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 3, 8, 3, 1))),
                Arguments.of("pad+conv+bn s1 (BN folded)", new Shape(8, 32, 32),
                        List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 8, 8, 3, 1), TestNets.norm(r, 8))),
                Arguments.of("pad+conv+bn s2, 32 channel-major -> 16 multiplexed", new Shape(8, 32, 32),
                        List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 8, 16, 3, 2), TestNets.norm(r, 16))),
                Arguments.of("pad+conv+bn s2, 16 -> 8 multiplexed", new Shape(16, 16, 16),
                        List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 16, 32, 3, 2), TestNets.norm(r, 32))),
                Arguments.of("pad+conv+bn s1, 8 -> 8 multiplexed (residual)", new Shape(32, 8, 8),
                        List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 32, 32, 3, 1), TestNets.norm(r, 32))),
                Arguments.of("up+pad+conv+bn, 8 -> 16 multiplexed", new Shape(32, 8, 8),
                        List.of(new Upsample2d(2), new ConstantPad2d(1, 0), TestNets.conv(r, 32, 16, 3, 1), TestNets.norm(r, 16))),
                Arguments.of("up+pad+conv+bn, 16 multiplexed -> 32 channel-major", new Shape(16, 16, 16),
                        List.of(new Upsample2d(2), new ConstantPad2d(1, 0), TestNets.conv(r, 16, 8, 3, 1), TestNets.norm(r, 8))),
                Arguments.of("pad+conv, 8 -> 3 channels (replicated output)", new Shape(8, 32, 32),
                        List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 8, 3, 3, 1))),
                Arguments.of("non-zero padding, 5x5 kernel, stride 2", new Shape(4, 16, 16),
                        List.of(new ConstantPad2d(2, 0.5), TestNets.conv(r, 4, 6, 5, 2))),
                Arguments.of("upsample x4 + pad + conv", new Shape(8, 4, 4),
                        List.of(new Upsample2d(4), new ConstantPad2d(1, 0), TestNets.conv(r, 8, 4, 3, 1))),
                // the second convolution reads through another one, so its rows are expanded layer by layer
                Arguments.of("two convolutions in one segment, padded with 0.25 and 0", new Shape(4, 8, 8),
                        List.of(new ConstantPad2d(1, 0.25), TestNets.conv(r, 4, 4, 3, 1), TestNets.norm(r, 4),
                                new ConstantPad2d(1, 0), TestNets.conv(r, 4, 3, 3, 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("segments")
    void loweredSegmentMatchesTheOracle(String name, Shape in, List<Layer> layers) {
        Random r = new Random(name.hashCode());
        Tensor x = TestNets.random(r, in, 1.0);
        Tensor expected = ClearInterpreter.run(new Sequential(name, layers), x);
        TensorAffine affine = TensorAffine.of(in, layers);
        assertClose(expected, affine.apply(x), 1e-10, "tensor-level affine map");

        SlotLayout inL = SlotLayout.of(in, 32, 32, SLOTS);
        SlotLayout outL = SlotLayout.of(expected.shape(), 32, 32, SLOTS);
        LinearMap map = LinearMap.build(affine, inL, outL);
        assertTrue(map.ptMults() > 1);

        ExactEvaluator ev = new ExactEvaluator(SLOTS, map.rotationSteps(), 0, "test");
        CountingEvaluator counting = new CountingEvaluator(ev);
        ExactCt ct = ev.encrypt(inL.pack(x), 3);
        Ct out = Graphs.apply(map, counting, ct);
        assertEquals(2, out.level(), "one level per linear segment");
        double[] slots = ((ExactCt) out).values();
        // every slot: the tensor in every replica, zeros in the gaps
        assertSlotsClose(outL.pack(expected), slots, 1e-9, name + " via BSGS rotations");
        assertEquals(new OpCounts(map.rotations(), 0, map.ptMults(), 0), counting.counts());
        assertSlotsClose(outL.pack(expected), map.apply(inL.pack(x)), 1e-9, name + " plain slot evaluation");
        assertTrue(!ct.isClosed(), "the input is not closed by the map");

        LinearMap scaled = map.scaled(2.0, 4.0);
        double[] s = scaled.apply(inL.pack(x, 2.0));
        assertClose(expected, outL.unpack(s, 4.0).data(), 1e-9, "scaled map");
    }

    @Test
    void residualConvUsesBothBabyAndGiantRotationsAndFewKeys() {
        Random r = new Random(3);
        Shape in = new Shape(32, 8, 8);
        TensorAffine affine = TensorAffine.of(in, List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 32, 32, 3, 1)));
        SlotLayout l = SlotLayout.of(in, 32, 32, SLOTS);
        LinearMap map = LinearMap.build(affine, l, l);
        assertTrue(map.babyRotations() > 0 && map.giantRotations() > 0, map.toString());
        // 2 blocks x 15 row offsets x 15 column offsets, merged across replicas
        assertEquals(450, map.ptMults());
        assertTrue(map.rotations() <= 45, map.toString());
    }

    @Test
    void aWrongRotationIsCaught() {
        Random r = new Random(11);
        Shape in = new Shape(16, 16, 16);
        List<Layer> layers = List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 16, 32, 3, 2));
        Tensor x = TestNets.random(r, in, 1.0);
        Tensor expected = ClearInterpreter.run(new Sequential("s2", layers), x);
        SlotLayout inL = SlotLayout.of(in, 32, 32, SLOTS);
        SlotLayout outL = SlotLayout.of(expected.shape(), 32, 32, SLOTS);
        LinearMap map = LinearMap.build(TensorAffine.of(in, layers), inL, outL);
        List<Integer> steps = new ArrayList<>(map.rotationSteps());
        for (int wrong : List.of(steps.get(0), steps.get(steps.size() - 1))) {
            ExactEvaluator off = new ExactEvaluator(SLOTS, null, 0, "test") {
                @Override
                protected int rotationOffset(int k) {
                    return k == wrong ? k + 1 : k;
                }
            };
            Ct out = Graphs.apply(map, off, off.encrypt(inL.pack(x), 1));
            double err = maxDiff(outL.pack(expected), ((ExactCt) out).values());
            assertTrue(err > 1e-3, "rotation " + wrong + " off by one went unnoticed (error " + err + ")");
        }
    }

    @Test
    void transitionsThirtyTwoToSixteenToEightToSixteenToThirtyTwo() {
        Random r = new Random(5);
        List<List<Layer>> segments = List.of(
                List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 8, 16, 3, 2), TestNets.norm(r, 16)),
                List.of(new ConstantPad2d(1, 0), TestNets.conv(r, 16, 32, 3, 2), TestNets.norm(r, 32)),
                List.of(new Upsample2d(2), new ConstantPad2d(1, 0), TestNets.conv(r, 32, 16, 3, 1), TestNets.norm(r, 16)),
                List.of(new Upsample2d(2), new ConstantPad2d(1, 0), TestNets.conv(r, 16, 8, 3, 1)));
        Shape shape = new Shape(8, 32, 32);
        Tensor x = TestNets.random(r, shape, 1.0);
        List<Layer> all = new ArrayList<>();
        segments.forEach(all::addAll);
        Tensor expected = ClearInterpreter.run(new Sequential("chain", all), x);

        ExactEvaluator ev = new ExactEvaluator(SLOTS);
        SlotLayout first = SlotLayout.of(shape, 32, 32, SLOTS);
        Ct ct = ev.encrypt(first.pack(x), 4);
        SlotLayout cur = first;
        for (List<Layer> seg : segments) {
            TensorAffine a = TensorAffine.of(cur.shape(), seg);
            SlotLayout next = SlotLayout.of(a.outputShape(), 32, 32, SLOTS);
            ct = Graphs.apply(LinearMap.build(a, cur, next), ev, ct);
            cur = next;
        }
        assertEquals(0, ct.level());
        assertEquals(shape, cur.shape());
        assertSlotsClose(cur.pack(expected), ((ExactCt) ct).values(), 1e-9, "32 -> 16 -> 8 -> 16 -> 32");
    }

    static void assertClose(Tensor expected, double[] actual, double tol, String what) {
        assertEquals(expected.data().length, actual.length, what);
        double err = maxDiff(expected.data(), actual);
        assertTrue(err <= tol * Math.max(1, expected.maxAbs()), what + ": max error " + err);
    }

    static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertEquals(expected.shape(), actual.shape(), what);
        assertClose(expected, actual.data(), tol, what);
    }

    static void assertSlotsClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        double err = maxDiff(expected, actual);
        assertTrue(err <= tol, what + ": max slot error " + err);
    }

    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
