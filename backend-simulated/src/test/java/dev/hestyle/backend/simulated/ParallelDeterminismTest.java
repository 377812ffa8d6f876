package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.ckks.linear.LinearMap;
import dev.hestyle.ckks.linear.TensorAffine;
import dev.hestyle.ckks.parallel.Workers;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A linear map evaluated on worker threads gives the same noisy bits as on the calling thread. */
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
        double[] sequential = f.client.decrypt(map.apply(f.server, x));
        for (int run = 0; run < 3; run++) {
            try (Workers w = Workers.ofThreads(2 + run)) {
                assertArrayEquals(sequential, f.client.decrypt(map.apply(f.server, x, w)), "run " + run);
            }
        }
    }
}
