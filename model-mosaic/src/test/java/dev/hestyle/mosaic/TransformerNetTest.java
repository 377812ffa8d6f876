package dev.hestyle.mosaic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.graph.BatchNorm2d;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Relu;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.mosaic.checkpoint.CheckpointException;
import dev.hestyle.mosaic.checkpoint.CheckpointReader;
import dev.hestyle.mosaic.checkpoint.FloatArray;
import dev.hestyle.mosaic.checkpoint.StateDict;
import dev.hestyle.mosaic.testing.SharedData;
import dev.hestyle.mosaic.testing.SyntheticStateDict;
import dev.hestyle.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransformerNetTest {
    private static StateDict sd;
    private static Sequential graph;

    @BeforeAll
    static void build() {
        sd = CheckpointReader.read(SharedData.checkpoint());
        graph = TransformerNet.build(sd, "mosaic");
    }

    @Test
    void shapesAndCounts() {
        assertEquals(new Shape(3, 32, 32), graph.outputShape(new Shape(3, 32, 32)));
        assertEquals(10, graph.reluCount());
        assertEquals(16, count(graph, Conv2d.class));
        assertEquals(15, count(graph, BatchNorm2d.class));
        assertEquals(2, count(graph, Upsample2d.class));
        assertEquals(11, graph.layers().size());
        assertEquals("mosaic", graph.name());
    }

    @Test
    void blockStructureFollowsTheDesign() {
        assertEquals(List.of(ConstantPad2d.class, Conv2d.class, BatchNorm2d.class, Relu.class), classes(block(0)));
        assertEquals(List.of(Upsample2d.class, ConstantPad2d.class, Conv2d.class, BatchNorm2d.class, Relu.class), classes(block(8)));
        assertEquals(List.of(ConstantPad2d.class, Conv2d.class), classes(block(10)));
        for (int i = 3; i <= 7; i++) {
            Residual r = assertInstanceOf(Residual.class, graph.layers().get(i));
            assertEquals("model." + i, r.body().name());
            Sequential first = (Sequential) r.body().layers().get(0);
            Sequential second = (Sequential) r.body().layers().get(1);
            assertEquals(List.of(ConstantPad2d.class, Conv2d.class, BatchNorm2d.class, Relu.class), classes(first));
            assertEquals(List.of(ConstantPad2d.class, Conv2d.class, BatchNorm2d.class), classes(second));
        }
        int[] strides = {1, 2, 2};
        for (int i = 0; i < 3; i++) {
            assertEquals(strides[i], conv(block(i)).stride());
        }
        ConstantPad2d pad = (ConstantPad2d) block(0).layers().get(0);
        assertEquals(1, pad.pad());
        assertEquals(0.0, pad.value());
    }

    @Test
    void weightsComeFromTheRightKeys() {
        Conv2d c = conv(block(1));
        FloatArray w = sd.floatTensor("model.1.block.1.weight");
        assertEquals(16, c.outChannels());
        assertEquals(8, c.inChannels());
        for (int i = 0; i < w.size(); i++) {
            assertEquals(w.get(i), c.weight()[i], 0.0);
        }
        assertArrayEquals(sd.floatTensor("model.1.block.1.bias").toDoubles(), c.bias());
        Residual r = (Residual) graph.layers().get(5);
        BatchNorm2d bn = (BatchNorm2d) ((Sequential) r.body().layers().get(1)).layers().get(2);
        assertArrayEquals(sd.floatTensor("model.5.block.1.norm.running_var").toDoubles(), bn.var());
        assertArrayEquals(sd.floatTensor("model.5.block.1.norm.weight").toDoubles(), bn.gamma());
        assertEquals(1e-5, bn.eps());
    }

    @Test
    void missingKeyIsNamed() {
        StateDict broken = sd.toBuilder().remove("model.4.block.1.norm.running_var").build();
        CheckpointException e = assertThrows(CheckpointException.class, () -> TransformerNet.build(broken, "x"));
        assertTrue(e.getMessage().contains("model.4.block.1.norm.running_var"), e.getMessage());
        StateDict noBias = sd.toBuilder().remove("model.10.block.1.bias").build();
        e = assertThrows(CheckpointException.class, () -> TransformerNet.build(noBias, "x"));
        assertTrue(e.getMessage().contains("model.10.block.1.bias"), e.getMessage());
    }

    @Test
    void misShapedKeyIsNamed() {
        StateDict wrongIn = sd.toBuilder().replace("model.2.block.1.weight", new FloatArray(new int[] {32, 8, 3, 3}, new float[32 * 8 * 9])).build();
        CheckpointException e = assertThrows(CheckpointException.class, () -> TransformerNet.build(wrongIn, "x"));
        assertTrue(e.getMessage().contains("model.2.block.1.weight") && e.getMessage().contains("[32, 8, 3, 3]"), e.getMessage());
        StateDict wrongBn = sd.toBuilder().replace("model.0.norm.bias", new FloatArray(new int[] {7}, new float[7])).build();
        e = assertThrows(CheckpointException.class, () -> TransformerNet.build(wrongBn, "x"));
        assertTrue(e.getMessage().contains("model.0.norm.bias") && e.getMessage().contains("expected [8]"), e.getMessage());
        StateDict evenKernel = sd.toBuilder().replace("model.0.block.1.weight", new FloatArray(new int[] {8, 3, 2, 2}, new float[8 * 3 * 4])).build();
        e = assertThrows(CheckpointException.class, () -> TransformerNet.build(evenKernel, "x"));
        assertTrue(e.getMessage().contains("odd kernel"), e.getMessage());
    }

    @Test
    void residualMustKeepChannels() {
        StateDict wide = sd.toBuilder().replace("model.6.block.1.block.1.weight", new FloatArray(new int[] {16, 32, 3, 3}, new float[16 * 32 * 9])).build();
        CheckpointException e = assertThrows(CheckpointException.class, () -> TransformerNet.build(wide, "x"));
        assertTrue(e.getMessage().contains("model.6.block.1.block.1.weight") && e.getMessage().contains("expected [32, 32"), e.getMessage());
    }

    @Test
    void lastLayerMustProduceRgb() {
        StateDict gray = sd.toBuilder()
                .replace("model.10.block.1.weight", new FloatArray(new int[] {1, 8, 3, 3}, new float[8 * 9]))
                .replace("model.10.block.1.bias", new FloatArray(new int[] {1}, new float[1])).build();
        CheckpointException e = assertThrows(CheckpointException.class, () -> TransformerNet.build(gray, "x"));
        assertTrue(e.getMessage().contains("model.10.block.1.weight") && e.getMessage().contains("expected [3, 8"), e.getMessage());
    }

    @Test
    void unexpectedKeysAreReported() {
        StateDict extra = sd.toBuilder().put("model.10.norm.weight", new FloatArray(new int[] {3}, new float[3])).build();
        CheckpointException e = assertThrows(CheckpointException.class, () -> TransformerNet.build(extra, "x"));
        assertTrue(e.getMessage().contains("model.10.norm.weight"), e.getMessage());
    }

    @Test
    void anyCheckpointOfTheArchitectureBuilds() {
        StateDict small = SyntheticStateDict.create(new int[] {4, 6, 10}, 2, 3, 7);
        Sequential g = TransformerNet.build(small, "small");
        assertEquals(8, g.layers().size());
        assertEquals(3 + 2 + 2, g.reluCount()); // one ReLU per residual block
        assertEquals(new Shape(3, 32, 32), g.outputShape(new Shape(3, 32, 32)));
        assertEquals(new Shape(10, 8, 8), new Sequential("down", g.layers().subList(0, 3)).outputShape(new Shape(3, 32, 32)));
        StateDict wideKernel = SyntheticStateDict.create(new int[] {8, 16, 32}, 5, 5, 1);
        assertEquals(5, conv((Sequential) TransformerNet.build(wideKernel, "k5").layers().get(0)).kernel());
        assertEquals(2, ((ConstantPad2d) ((Sequential) TransformerNet.build(wideKernel, "k5").layers().get(0)).layers().get(0)).pad());
    }

    private static Sequential block(int i) {
        return (Sequential) graph.layers().get(i);
    }

    private static Conv2d conv(Sequential s) {
        return (Conv2d) s.layers().stream().filter(l -> l instanceof Conv2d).findFirst().orElseThrow();
    }

    private static List<Class<?>> classes(Sequential s) {
        List<Class<?>> out = new ArrayList<>();
        for (Layer l : s.layers()) {
            out.add(l.getClass());
        }
        return out;
    }

    private static int count(Layer l, Class<?> type) {
        if (l instanceof Sequential s) {
            return s.layers().stream().mapToInt(x -> count(x, type)).sum();
        }
        if (l instanceof Residual r) {
            return count(r.body(), type);
        }
        return type.isInstance(l) ? 1 : 0;
    }
}
