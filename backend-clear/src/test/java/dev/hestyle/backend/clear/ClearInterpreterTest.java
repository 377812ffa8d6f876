package dev.hestyle.backend.clear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Relu;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClearInterpreterTest {

    @Test
    void residualAddsItsInputAndObserverSeesEveryLayerWithItsPath() {
        Random r = new Random(1);
        Sequential body = RandomBlocks.block("model.3", 4, 4, 1, false, true, r);
        Sequential graph = Sequential.of("net", RandomBlocks.block("model.0", 2, 4, 2, false, true, r), new Residual(body), new Upsample2d(2));
        Tensor input = Tensor.of(new Shape(2, 8, 8), RandomBlocks.gaussian(r, 128, 1));

        List<String> paths = new ArrayList<>();
        List<Tensor> reluInputs = new ArrayList<>();
        Tensor out = ClearInterpreter.run(graph, input, (path, layer, in, o) -> {
            paths.add(path + ":" + layer.getClass().getSimpleName());
            if (layer instanceof Relu) {
                reluInputs.add(in);
            }
        });

        assertEquals(List.of("model.0/0:ConstantPad2d", "model.0/1:Conv2d", "model.0/2:BatchNorm2d", "model.0/3:Relu", "model.0:Sequential",
                "model.3/0:ConstantPad2d", "model.3/1:Conv2d", "model.3/2:BatchNorm2d", "model.3/3:Relu", "model.3:Sequential",
                "net/1:Residual", "net/2:Upsample2d", "net:Sequential"), paths);
        assertEquals(2, reluInputs.size());

        Tensor afterBlock = ClearInterpreter.run(Sequential.of("", graph.layers().get(0)), input);
        Tensor expected = ClearOps.upsample(ClearOps.add(afterBlock, ClearInterpreter.run(body, afterBlock)), 2);
        assertArrayEquals(expected.data(), out.data());
        assertEquals(new Shape(4, 8, 8), out.shape());
    }

    @Test
    void unnamedSequencesUseIndexPaths() {
        Sequential graph = Sequential.of("", new Relu(), new Residual(Sequential.of("", new Relu())));
        List<String> paths = new ArrayList<>();
        ClearInterpreter.run(graph, Tensor.zeros(new Shape(1, 1, 1)), (path, layer, in, o) -> paths.add(path));
        assertEquals(List.of("0", "1/body/0", "1/body", "1", ""), paths);
    }

    @Test
    void refusesInputsOfTheWrongShape() {
        Sequential graph = Sequential.of("g", new Conv2d(3, 1, 3, 1, new double[27], new double[1]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClearInterpreter.run(graph, Tensor.zeros(new Shape(2, 8, 8))));
        assertTrue(e.getMessage().contains("expects 3 input channels"), e.getMessage());
    }
}
