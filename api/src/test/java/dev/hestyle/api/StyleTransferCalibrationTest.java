package dev.hestyle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.Mode;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Which compile options {@link StyleTransfer#create} hands the backend: calibration only where it is needed. */
class StyleTransferCalibrationTest {
    private static final Shape SHAPE = new Shape(3, 4, 4);

    /** Stops compilation with the options it was given; the test only looks at those. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient CompileOptions options;

        Stop(CompileOptions options) {
            super("stop");
            this.options = options;
        }
    }

    private static final class RecordingBackend implements Backend {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public boolean encrypts() {
            return false;
        }

        @Override
        public CompiledModel compile(Sequential graph, Shape inputShape, CompileOptions options) {
            throw new Stop(options);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** A model that counts how often its (costly) calibration inputs are asked for. */
    private static StyleModel model(AtomicInteger asked, AtomicReference<List<Tensor>> given) {
        return new StyleModel() {
            @Override
            public String name() {
                return "m";
            }

            @Override
            public Sequential graph() {
                return new Sequential("m", List.of());
            }

            @Override
            public Shape inputShape() {
                return SHAPE;
            }

            @Override
            public Tensor preprocess(RgbImage image) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RgbImage postprocess(Tensor output) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Tensor> calibrationInputs() {
                asked.incrementAndGet();
                List<Tensor> list = List.of(Tensor.of(SHAPE, new double[SHAPE.size()]));
                given.set(list);
                return list;
            }
        };
    }

    private static CompileOptions compiledWith(Mode mode, AtomicInteger asked, AtomicReference<List<Tensor>> given) {
        RecordingBackend backend = new RecordingBackend();
        Stop stop = assertThrows(Stop.class, () -> StyleTransfer.create(model(asked, given), backend, CompileOptions.defaults().withMode(mode)));
        assertEquals(1, backend.closes.get(), "a failed compilation closes the backend");
        return stop.options;
    }

    @Test
    void nonInteractiveModeCalibratesOnTheModelsInputs() {
        AtomicInteger asked = new AtomicInteger();
        AtomicReference<List<Tensor>> given = new AtomicReference<>();
        CompileOptions options = compiledWith(Mode.NON_INTERACTIVE, asked, given);
        assertEquals(1, asked.get());
        assertEquals(given.get(), options.calibration());
    }

    @Test
    void clientAidedModeDoesNotProduceCalibrationInputs() {
        AtomicInteger asked = new AtomicInteger();
        CompileOptions options = compiledWith(Mode.CLIENT_AIDED, asked, new AtomicReference<>());
        assertEquals(0, asked.get(), "exact activations need no ranges, so the model is not asked");
        assertTrue(options.calibration().isEmpty());
    }
}
