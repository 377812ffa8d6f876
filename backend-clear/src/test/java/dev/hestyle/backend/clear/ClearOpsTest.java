package dev.hestyle.backend.clear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClearOpsTest {

    @Test
    void convolutionByHand() {
        // 1 channel 3x3 input, 2x2 kernel of ones plus a bias of 10: each output sums a 2x2 window.
        Tensor in = Tensor.of(new Shape(1, 3, 3), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Conv2d conv = new Conv2d(1, 1, 2, 1, new double[] {1, 1, 1, 1}, new double[] {10});
        assertArrayEquals(new double[] {22, 26, 34, 38}, ClearOps.conv2d(in, conv).data());
        Conv2d strided = new Conv2d(1, 2, 1, 2, new double[] {1, -2}, new double[] {0, 1});
        // 1x1 kernel, stride 2 picks corners; the second output channel is -2x+1.
        assertArrayEquals(new double[] {1, 3, 7, 9, -1, -5, -13, -17}, ClearOps.conv2d(in, strided).data());
    }

    @Test
    void convolutionMatchesTheDefinitionForManyShapes() {
        Random r = new Random(7);
        int[][] cases = {{3, 8, 10, 10, 3, 1}, {4, 5, 9, 7, 3, 1}, {2, 2, 7, 12, 5, 1}, {8, 16, 34, 34, 3, 2}, {4, 5, 9, 7, 3, 2}, {2, 3, 11, 11, 5, 3}, {5, 4, 6, 6, 1, 1}};
        for (int[] c : cases) {
            int ci = c[0];
            int co = c[1];
            int k = c[4];
            int stride = c[5];
            Tensor in = random(r, new Shape(ci, c[2], c[3]));
            Conv2d conv = new Conv2d(ci, co, k, stride, values(r, co * ci * k * k), values(r, co));
            Tensor fast = ClearOps.conv2d(in, conv);
            Tensor slow = naiveConv(in, conv);
            assertEquals(slow.shape(), fast.shape());
            assertTrue(fast.maxAbsDiff(slow) < 1e-12, "conv " + java.util.Arrays.toString(c) + " differs by " + fast.maxAbsDiff(slow));
        }
    }

    @Test
    void paddingUpsampleReluAdd() {
        Tensor in = Tensor.of(new Shape(1, 2, 2), new double[] {1, -2, 3, -4});
        assertArrayEquals(new double[] {
            9, 9, 9, 9,
            9, 1, -2, 9,
            9, 3, -4, 9,
            9, 9, 9, 9}, ClearOps.pad(in, 1, 9).data());
        assertArrayEquals(in.data(), ClearOps.pad(in, 0, 5).data());
        assertArrayEquals(new double[] {
            1, 1, -2, -2,
            1, 1, -2, -2,
            3, 3, -4, -4,
            3, 3, -4, -4}, ClearOps.upsample(in, 2).data());
        assertArrayEquals(new double[] {1, 0, 3, 0}, ClearOps.relu(in).data());
        assertArrayEquals(new double[] {2, -4, 6, -8}, ClearOps.add(in, in).data());
        assertThrows(IllegalArgumentException.class, () -> ClearOps.add(in, Tensor.zeros(new Shape(1, 1, 4))));
    }

    @Test
    void batchNormIsTheInferenceFormula() {
        Tensor in = Tensor.of(new Shape(2, 1, 2), new double[] {1, 2, 3, 4});
        BatchNorm2d bn = new BatchNorm2d(2, new double[] {2, 1}, new double[] {0.5, -1}, new double[] {1, 2}, new double[] {3, 0.25}, 1e-5);
        double[] out = ClearOps.batchNorm(in, bn).data();
        double[] x = in.data();
        for (int i = 0; i < 4; i++) {
            int c = i / 2;
            double expected = (x[i] - bn.mean()[c]) / Math.sqrt(bn.var()[c] + 1e-5) * bn.gamma()[c] + bn.beta()[c];
            assertEquals(expected, out[i], 1e-14);
        }
    }

    /** The definition, straight from the formula, with no attempt at speed. */
    private static Tensor naiveConv(Tensor in, Conv2d conv) {
        Shape o = conv.outputShape(in.shape());
        double[] out = new double[o.size()];
        for (int oc = 0; oc < o.channels(); oc++) {
            for (int y = 0; y < o.height(); y++) {
                for (int x = 0; x < o.width(); x++) {
                    double sum = conv.bias()[oc];
                    for (int ic = 0; ic < conv.inChannels(); ic++) {
                        for (int ky = 0; ky < conv.kernel(); ky++) {
                            for (int kx = 0; kx < conv.kernel(); kx++) {
                                sum += conv.w(oc, ic, ky, kx) * in.get(ic, y * conv.stride() + ky, x * conv.stride() + kx);
                            }
                        }
                    }
                    out[(oc * o.height() + y) * o.width() + x] = sum;
                }
            }
        }
        return Tensor.of(o, out);
    }

    private static Tensor random(Random r, Shape s) {
        return Tensor.of(s, values(r, s.size()));
    }

    private static double[] values(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }
}
