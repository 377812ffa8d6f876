package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.ckks.linear.LinearMap;
import dev.hestyle.ckks.linear.TensorAffine;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.graph.ClientRefresh;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.ckks.graph.GraphBuilder;
import dev.hestyle.ckks.graph.LocalExecutor;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A linear map's graph evaluated on several threads gives the same noisy bits as on one. */
class ParallelDeterminismTest {

    @Test
    void parallelLinearMapGivesTheSequentialBits() {
        Shape in = new Shape(16, 16, 16);
        int out = 16;
        Conv2d conv = new Conv2d(16, out, 3, 1, Fixture.uniform(21, out * 16 * 9, 0.2), Fixture.uniform(22, out, 0.1));
        TensorAffine affine = TensorAffine.of(in, List.of(new ConstantPad2d(1, 0), conv));
        LinearMap map = LinearMap.build(affine, SlotLayout.of(in, 32, 32, 8192), SlotLayout.of(affine.outputShape(), 32, 32, 8192));
        assertTrue(map.giantRotations() > 2, "several giant steps to split: " + map);
        Fixture f = Fixture.clientAided(9, map.rotationSteps().toArray(Integer[]::new));
        assertTrue(f.server.concurrent());
        Ct x = f.client.encrypt(map.inputLayout().pack(dev.hestyle.tensor.Tensor.wrap(in, Fixture.uniform(23, in.size(), 1))));
        GraphBuilder b = new GraphBuilder(8192, 0, 0);
        Ct[] inputs = b.inputs(1, x.level());
        b.beginStep("linear at test");
        CtGraph graph = b.build(map.emit(b, inputs));
        double[] sequential = f.client.decrypt(run(graph, f.server, x, 1));
        for (int run = 0; run < 3; run++) {
            assertArrayEquals(sequential, f.client.decrypt(run(graph, f.server, x, 2 + run)), "run " + run);
        }
    }

    private static Ct run(CtGraph graph, Evaluator ev, Ct x, int threads) {
        try (LocalExecutor executor = new LocalExecutor(threads)) {
            return executor.run(graph, ev, new Ct[] {x}, ClientRefresh.NONE, ProgressListener.NONE)[0];
        }
    }
}
