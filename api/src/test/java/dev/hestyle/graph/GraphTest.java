package dev.hestyle.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GraphTest {
    private static Conv2d conv(int in, int out, int stride) {
        return new Conv2d(in, out, 3, stride, new double[out * in * 9], new double[out]);
    }

    @Test
    void shapesFollowTheMosaicNetwork() {
        Sequential block = Sequential.of("b", new ConstantPad2d(1, 0), conv(32, 32, 1), new Relu(), new ConstantPad2d(1, 0), conv(32, 32, 1));
        Sequential net = Sequential.of("net",
                new ConstantPad2d(1, 0), conv(3, 8, 1), new Relu(),
                new ConstantPad2d(1, 0), conv(8, 16, 2), new Relu(),
                new ConstantPad2d(1, 0), conv(16, 32, 2), new Relu(),
                new Residual(block),
                new Upsample2d(2), new ConstantPad2d(1, 0), conv(32, 16, 1), new Relu(),
                new Upsample2d(2), new ConstantPad2d(1, 0), conv(16, 8, 1), new Relu(),
                new ConstantPad2d(1, 0), conv(8, 3, 1));
        assertEquals(new Shape(3, 32, 32), net.outputShape(new Shape(3, 32, 32)));
        assertEquals(6, net.reluCount());
    }

    @Test
    void mismatchesAreNamed() {
        Sequential net = Sequential.of("model.1", new ConstantPad2d(1, 0), conv(8, 16, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.outputShape(new Shape(3, 32, 32)));
        assertTrue(e.getMessage().startsWith("model.1: conv expects 8 input channels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 8, 3, 1, new double[10], new double[8]));
        assertThrows(IllegalArgumentException.class, () -> new Residual(Sequential.of("r", conv(8, 8, 1))).outputShape(new Shape(8, 8, 8)));
    }

    @Test
    void batchNormIsAnAffineMap() {
        BatchNorm2d bn = new BatchNorm2d(1, new double[] {2}, new double[] {1}, new double[] {3}, new double[] {4 - 1e-5}, 1e-5);
        assertEquals(1.0, bn.scale(0), 1e-12);
        assertEquals(-2.0, bn.shift(0), 1e-12);
    }

    @Test
    void tensorsRejectNonFiniteValuesAndWrongSizes() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new Shape(1, 1, 2), new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new Shape(1, 1, 2), new double[3]));
        Tensor t = Tensor.of(new Shape(2, 1, 2), new double[] {1, 2, 3, 4});
        assertEquals(3, t.get(1, 0, 0));
        assertEquals(4, t.maxAbs());
    }
}
