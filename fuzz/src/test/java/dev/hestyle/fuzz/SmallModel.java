package dev.hestyle.fuzz;

import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Conv2d;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Security;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The model whose artifacts the corpus holds: a padded 3x3 convolution on a 1x4x4 input, client-aided, with the
 * insecure test parameters, so ciphertexts and keys stay small. Planning is deterministic, so every JVM that compiles
 * it gets the parameter hash written into the committed artifacts' headers.
 */
final class SmallModel {
    static final Shape INPUT = new Shape(1, 4, 4);
    private static final long SEED = 20_261_201L;

    private SmallModel() {
    }

    /** Compiles the model on {@code provider}'s backend; the backend stays open for the JVM's lifetime. */
    static CompiledModel compile(BackendProvider provider) {
        Backend backend = provider.create();
        return backend.compile(graph(), INPUT, options());
    }

    /** A seeded input tensor for the corpus. */
    static Tensor input() {
        return tensor(new Random(SEED + 1));
    }

    private static Sequential graph() {
        Random r = new Random(SEED);
        double[] w = new double[2 * 9];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian() * 0.3;
        }
        return Sequential.of("fuzz", new ConstantPad2d(1, 0), new Conv2d(1, 2, 3, 1, w, new double[] {0.1, -0.2}));
    }

    private static CompileOptions options() {
        Random r = new Random(SEED + 2);
        List<Tensor> calibration = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calibration.add(tensor(r));
        }
        return CompileOptions.defaults().withMode(Mode.CLIENT_AIDED).withSecurity(Security.INSECURE_TEST_ONLY)
                .withCalibration(calibration);
    }

    private static Tensor tensor(Random r) {
        double[] v = new double[INPUT.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Tensor.of(INPUT, v);
    }
}
