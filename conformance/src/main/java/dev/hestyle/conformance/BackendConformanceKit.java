package dev.hestyle.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.RgbImage;
import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.backend.clear.ClearInterpreter;
import dev.hestyle.graph.ConstantPad2d;
import dev.hestyle.graph.Sequential;
import dev.hestyle.graph.Upsample2d;
import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.image.ImageMetrics;
import dev.hestyle.spi.Availability;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.Backends;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.PlanReport;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import dev.hestyle.spi.Server;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every backend must pass, written once (the compatibility-kit pattern): a backend's test
 * module extends this class and implements {@link #provider()}.
 *
 * <pre>{@code
 * class OpenFheConformanceTest extends BackendConformanceKit {
 *     protected BackendProvider provider() { return new OpenFheBackendProvider(); }
 *     protected CompileOptions options() { return super.options().withMode(Mode.CLIENT_AIDED); }
 * }
 * }</pre>
 *
 * <p>Every check runs the backend through its public roles only: {@code compile → newClient → encrypt →
 * newServer(evaluationKeys) → run → decrypt}, with the client as {@link ClientAssist} in client-aided
 * mode, and compares with {@link ClearInterpreter}. Three groups:
 * <ul>
 * <li>layers: pad+conv (stride 1 and 2), +batch norm, upsample+pad+conv, ReLU, a residual block and whole
 * stacks on seeded random weights and inputs of a few units, in the tensor shapes of the Mosaic network.
 * Error is measured relative to the output's size: {@code max|y - y_clear| / max(1, max|y_clear|)};</li>
 * <li>end to end: the real checkpoint on the reference images ({@link #endToEndImages()}), compared
 * with the independently computed outputs in 8 bits and as floats; and on the larger images of
 * {@code reference-large/} ({@link #largeImages()}, 64x64 to 256x256), each compiled at its own size, where
 * client-aided mode must also reproduce the clear oracle's 8-bit output exactly and non-interactive mode
 * must reach a mean PSNR ({@link #minLargeMeanPsnr()});</li>
 * <li>wire: artifacts round-trip through bytes, and truncated, corrupt, foreign or secret bytes are
 * refused with the matching {@link Reason}. These assume the common envelope: a {@link Header}, then
 * sections as written by {@link dev.hestyle.wire.Sections} (so an artifact ends with a checksummed
 * section), and a parameter hash that identifies the compiled plan, not only the encryption
 * parameters.</li>
 * </ul>
 *
 * <p>Hooks set tolerances and scope. A check that a backend legitimately cannot afford can be left out
 * by overriding its method without {@code @Test}. Display names carry the backend and mode (see
 * {@link BackendDisplayNames}). One backend instance serves all checks of a class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(BackendDisplayNames.class)
public abstract class BackendConformanceKit {
    private static final Logger log = LoggerFactory.getLogger(BackendConformanceKit.class);
    /** Standard deviation of the random inputs: the network's activations are a few units. */
    private static final double INPUT_SCALE = 1.5;
    private static final Shape IMAGE = new Shape(3, 32, 32);
    /** Offset of the format version in every artifact: it follows the six magic bytes {@code HSTYLE}. */
    private static final int VERSION_OFFSET = 6;

    private Backend backend;
    private WireFixture wire;

    /** The provider under test. */
    protected abstract BackendProvider provider();

    /**
     * The options every check compiles with. Default: {@link CompileOptions#defaults()} with the fast,
     * insecure test parameters (tests run with {@code -Dhestyle.allowInsecure=true}). When the
     * calibration list is empty, layer checks calibrate on their own random inputs and the end-to-end
     * check on the model's calibration images.
     */
    protected CompileOptions options() {
        return CompileOptions.defaults().withSecurity(Security.INSECURE_TEST_ONLY);
    }

    /** Largest relative error of graphs without activations. Default {@code 1e-3}. */
    protected double layerTolerance() {
        return 1e-3;
    }

    /**
     * Largest relative error of graphs with ReLUs. Default: {@link #layerTolerance()} in client-aided mode
     * (the client applies the exact ReLU), {@code 0.1} in non-interactive mode (polynomial ReLU).
     */
    protected double activationTolerance() {
        return options().mode() == Mode.CLIENT_AIDED ? layerTolerance() : 0.1;
    }

    /**
     * Smallest PSNR (dB) of any 8-bit output against the reference output. Default: 45 dB in client-aided
     * mode; in non-interactive mode about 4 dB below the worst image that exact arithmetic with
     * polynomial ReLUs of {@link CompileOptions#reluDepth()} reaches (18, 20, 25, 30, 36, 44 dB for depth 2..7).
     */
    protected double minEndToEndPsnr() {
        if (options().mode() == Mode.CLIENT_AIDED) {
            return 45;
        }
        double[] byDepth = {18, 20, 25, 30, 36, 44};
        return byDepth[options().reluDepth() - 2];
    }

    /** Largest difference of any 8-bit channel value from the reference output. Default 4 (client-aided) or 128. */
    protected double maxEndToEndAbsDiff() {
        return options().mode() == Mode.CLIENT_AIDED ? 4 : 128;
    }

    /** Largest difference of the denormalised float output (0..1 scale) from the reference. Default 0.02 or 0.5. */
    protected double maxEndToEndFloatDiff() {
        return options().mode() == Mode.CLIENT_AIDED ? 0.02 : 0.5;
    }

    /**
     * The reference image ids the end-to-end check runs (default all of {@link ReferenceData#IMAGE_IDS}).
     * Slow backends may return fewer; an empty list skips the check, visibly.
     */
    protected List<String> endToEndImages() {
        return ReferenceData.IMAGE_IDS;
    }

    /**
     * The ids of {@code reference-large/} the large end-to-end check runs (default all of
     * {@link ReferenceData#LARGE_IMAGE_IDS}, up to 256x256). A slow backend may return fewer, e.g. one 64x64
     * image; an empty list skips the check, visibly. Each image is compiled at its own size and calibrated on
     * the model's calibration images drawn at that size.
     */
    protected List<String> largeImages() {
        return ReferenceData.LARGE_IMAGE_IDS;
    }

    /**
     * Largest difference of any 8-bit channel value of a large image from the clear oracle's output on the
     * same input. Default: 0 in client-aided mode (the client applies the exact ReLU, so the output must be
     * identical); 255, i.e. unchecked, in non-interactive mode, which {@link #minLargeMeanPsnr()} bounds instead.
     */
    protected int maxLargeDiffToClear() {
        return options().mode() == Mode.CLIENT_AIDED ? 0 : 255;
    }

    /**
     * Smallest mean PSNR (dB) of the large images' 8-bit outputs against their reference outputs. Default:
     * {@link #minEndToEndPsnr()} in client-aided mode, 36 dB in non-interactive mode.
     */
    protected double minLargeMeanPsnr() {
        return options().mode() == Mode.CLIENT_AIDED ? minEndToEndPsnr() : 36;
    }

    /** Seed of the random weights and inputs. */
    protected long seed() {
        return 20241123L;
    }

    /** The backend under test, created once per test class. */
    protected final Backend backend() {
        return backend;
    }

    /** Display label, e.g. {@code "openfhe/client-aided"}. */
    protected final String label() {
        return provider().name() + "/" + options().mode().label();
    }

    @BeforeAll
    protected final void createBackend() {
        BackendProvider provider = provider();
        Availability availability = provider.availability();
        assertTrue(availability.available(), () -> "backend '" + provider.name() + "' is not available: " + availability.reason());
        backend = provider.create();
    }

    @AfterAll
    protected final void closeBackend() throws IOException {
        try {
            if (wire != null) {
                wire.close();
            }
        } finally {
            if (backend != null) {
                backend.close();
            }
        }
    }

    // ---------------------------------------------------------------- metadata

    @Test
    protected void providerIsRegisteredAndDescribesItsBackend() {
        BackendProvider provider = provider();
        assertTrue(provider.name().matches("[a-z][a-z0-9-]*"), () -> "backend names are short and lower-case: '" + provider.name() + "'");
        assertTrue(Backends.providers().stream().anyMatch(p -> p.name().equals(provider.name()) && p.getClass() == provider.getClass()),
                () -> provider.getClass().getName() + " is not registered in META-INF/services/" + BackendProvider.class.getName());
        assertEquals(provider.name(), backend.name(), "provider and backend names");
        assertEquals(provider.encrypts(), backend.encrypts(), "provider and backend disagree on encrypts()");
    }

    @Test
    protected void planReportNamesBackendModeAndRoundTrips() {
        Sequential graph = new TestGraphs(seed()).mosaicShaped("plan", 1);
        CompileOptions opts = withCalibration(options(), IMAGE, new TestGraphs(seed() + 1));
        try (CompiledModel model = backend.compile(graph, IMAGE, opts)) {
            PlanReport plan = model.plan();
            assertEquals(backend.name(), plan.backend());
            assertEquals(opts.mode(), plan.mode());
            assertEquals(IMAGE, model.inputShape());
            assertEquals(graph.outputShape(IMAGE), model.outputShape());
            assertEquals(opts.mode() == Mode.CLIENT_AIDED ? graph.reluCount() : 0, plan.clientRoundTrips(), "client round trips per image");
            if (!backend.encrypts()) {
                assertNull(plan.securityBits(), "a backend that does not encrypt must not claim security");
            }
        }
    }

    // ---------------------------------------------------------------- layers against the oracle

    @Test
    protected void padThenConvolution() {
        TestGraphs g = new TestGraphs(seed() + 10);
        checkLayers("pad+conv 3->8", Sequential.of("t", new ConstantPad2d(1, 0), g.conv(3, 8, 1)), new Shape(3, 32, 32), g);
    }

    @Test
    protected void padThenStridedConvolution() {
        TestGraphs g = new TestGraphs(seed() + 11);
        checkLayers("pad+conv 8->16 stride 2", Sequential.of("t", new ConstantPad2d(1, 0), g.conv(8, 16, 2)), new Shape(8, 32, 32), g);
    }

    @Test
    protected void padConvolutionThenBatchNorm() {
        TestGraphs g = new TestGraphs(seed() + 12);
        checkLayers("pad+conv 16->32 stride 2+BN", Sequential.of("t", new ConstantPad2d(1, 0), g.conv(16, 32, 2), g.batchNorm(32)),
                new Shape(16, 16, 16), g);
    }

    @Test
    protected void upsampleThenPadAndConvolution() {
        TestGraphs g = new TestGraphs(seed() + 13);
        checkLayers("upsample+pad+conv 32->16", Sequential.of("t", new Upsample2d(2), new ConstantPad2d(1, 0), g.conv(32, 16, 1)),
                new Shape(32, 8, 8), g);
    }

    @Test
    protected void reluAfterConvolution() {
        TestGraphs g = new TestGraphs(seed() + 14);
        checkLayers("pad+conv+BN+ReLU 3->8", Sequential.of("t", g.convBlock("model.0", 3, 8, 1, false, true, true)), new Shape(3, 32, 32), g);
    }

    @Test
    protected void residualBlock() {
        TestGraphs g = new TestGraphs(seed() + 15);
        checkLayers("residual block 32x8x8", Sequential.of("t", g.residual("model.3", 32)), new Shape(32, 8, 8), g);
    }

    @Test
    protected void downsamplingStackOfConvBlocks() {
        TestGraphs g = new TestGraphs(seed() + 16);
        Sequential graph = Sequential.of("t", g.convBlock("model.0", 3, 8, 1, false, true, true),
                g.convBlock("model.1", 8, 16, 2, false, true, true), g.convBlock("model.2", 16, 32, 2, false, true, true));
        checkLayers("conv blocks 3x32x32 -> 8x32x32 -> 16x16x16 -> 32x8x8", graph, IMAGE, g);
    }

    @Test
    protected void wholeArchitectureWithRandomWeights() {
        TestGraphs g = new TestGraphs(seed() + 17);
        checkLayers("Mosaic architecture, one residual block, random weights", g.mosaicShaped("t", 1), IMAGE, g);
    }

    /**
     * Images per ciphertext in {@link #batchedImagesMatchTheClearOracleOneByOne}; a backend that cannot batch this
     * mode's plans answers 1, and the check then asks that it refuses a batch.
     */
    protected int batch() {
        return options().mode() == Mode.NON_INTERACTIVE ? 4 : 1;
    }

    @Test
    protected void batchedImagesMatchTheClearOracleOneByOne() {
        TestGraphs g = new TestGraphs(seed() + 18);
        Sequential graph = Sequential.of("t", g.convBlock("model.0", 3, 8, 1, false, true, true),
                g.convBlock("model.1", 8, 16, 2, false, true, true), g.residual("model.3", 16));
        Shape shape = new Shape(3, 16, 16);
        int batch = batch();
        if (batch == 1) {
            assertThrows(UnsupportedGraphException.class, () -> backend.compile(graph, shape, withCalibration(options(), shape, g).withBatch(2)),
                    "a backend that cannot batch must refuse a batch");
            return;
        }
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            inputs.add(g.activations(shape, INPUT_SCALE));
        }
        CompileOptions opts = options().calibration().isEmpty() ? options().withCalibration(inputs) : options();
        try (CompiledModel model = backend.compile(graph, shape, opts.withBatch(batch));
             Client client = model.newClient(); Server server = model.newServer(client.evaluationKeys())) {
            assertEquals(batch, model.batch());
            assertThrows(IllegalArgumentException.class, () -> client.encryptBatch(java.util.Collections.nCopies(batch + 1, inputs.get(0))),
                    "more images than the batch holds");
            // a full batch, then one with a place left empty (zeros: outside the calibrated inputs, so not compared)
            for (int given : new int[] {batch, batch - 1}) {
                List<Tensor> outs;
                try (Ciphertext ct = client.encryptBatch(inputs.subList(0, given))) {
                    Evaluation ev = server.run(ct, ClientAssist.NONE, ProgressListener.NONE);
                    try (Ciphertext out = ev.output()) {
                        assertThrows(IllegalArgumentException.class, () -> client.decrypt(out), "decrypt() of a batch of several");
                        outs = client.decryptBatch(out);
                    }
                }
                assertEquals(batch, outs.size());
                for (int i = 0; i < given; i++) {
                    assertClose("image " + i + " of " + given + " in a batch of " + batch, ClearInterpreter.run(graph, inputs.get(i)), outs.get(i),
                            activationTolerance());
                }
            }
        }
    }

    // ---------------------------------------------------------------- end to end on the reference images

    @Test
    protected void referenceImagesEndToEnd() {
        List<String> ids = endToEndImages();
        Assumptions.assumeFalse(ids.isEmpty(), "endToEndImages() is empty for " + label());
        MosaicModel model = MosaicModel.load(ReferenceData.checkpoint());
        CompileOptions opts = options().calibration().isEmpty() ? options().withCalibration(model.calibrationInputs()) : options();
        List<Executable> checks = new ArrayList<>();
        try (CompiledModel compiled = backend.compile(model.graph(), model.inputShape(), opts);
             Client client = compiled.newClient(); Server server = compiled.newServer(client.evaluationKeys())) {
            for (String id : ids) {
                RgbImage input = ImageFiles.read(ReferenceData.input(id));
                RgbImage expected = ImageFiles.read(ReferenceData.output(id));
                Tensor expectedFloat = ReferenceData.floatOutput(id);
                long t0 = System.nanoTime();
                Tensor out = runOnce(opts.mode(), client, server, model.preprocess(input), model.graph().reluCount());
                double seconds = (System.nanoTime() - t0) / 1e9;
                RgbImage image = model.postprocess(out);
                double psnr = ImageMetrics.psnr(image, expected);
                int maxDiff = ImageMetrics.maxAbsDiff(image, expected);
                double floatDiff = model.denormalise(out).maxAbsDiff(expectedFloat);
                log.info("{} image {}: PSNR {} dB, max 8-bit difference {}, max float difference {}, {} s (encrypt+run+decrypt)",
                        label(), id, String.format("%.2f", psnr), maxDiff, String.format("%.3g", floatDiff), String.format("%.3f", seconds));
                String what = label() + " image " + id;
                checks.add(() -> assertTrue(psnr >= minEndToEndPsnr(), what + ": PSNR " + psnr + " dB < " + minEndToEndPsnr()));
                checks.add(() -> assertTrue(maxDiff <= maxEndToEndAbsDiff(), what + ": 8-bit output differs by " + maxDiff
                        + " > " + maxEndToEndAbsDiff()));
                checks.add(() -> assertTrue(floatDiff <= maxEndToEndFloatDiff(), what + ": float output differs by " + floatDiff
                        + " > " + maxEndToEndFloatDiff()));
            }
        }
        assertAll(label() + " end to end", checks);
    }

    /**
     * One test per image of {@link #largeImages()}, then one for their mean PSNR. Also bounded per image:
     * {@link #maxEndToEndAbsDiff()} and {@link #maxEndToEndFloatDiff()} against the reference files, and
     * {@link #maxLargeDiffToClear()} against the clear oracle.
     */
    @TestFactory
    protected Stream<DynamicTest> largeReferenceImagesEndToEnd() {
        List<String> ids = largeImages();
        Assumptions.assumeFalse(ids.isEmpty(), "largeImages() is empty for " + label());
        MosaicModel model = MosaicModel.load(ReferenceData.checkpoint());
        List<LargeImageResult> results = new ArrayList<>();
        Stream<DynamicTest> perImage = ids.stream().map(id -> DynamicTest.dynamicTest("large image " + id, () -> {
            LargeImageResult r;
            try {
                r = runLarge(model, id);
            } catch (OutOfMemoryError e) {
                // JUnit aborts the whole run on this error; a backend that cannot afford a size fails that size only.
                // What ran out is the size's own plan and keys, unreachable once the error has left the backend.
                throw new AssertionError(label() + " large image " + id + ": out of memory (maximum heap "
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)", e);
            }
            results.add(r);
            log.info("{} large image {}", label(), r);
            String what = label() + " large image " + r;
            assertAll(what,
                    () -> assertTrue(r.maxDiffToReference() <= maxEndToEndAbsDiff(), what + ": 8-bit output differs from the reference by more than "
                            + maxEndToEndAbsDiff()),
                    () -> assertTrue(r.maxFloatDiff() <= maxEndToEndFloatDiff(), what + ": float output differs from the reference by more than "
                            + maxEndToEndFloatDiff()),
                    () -> assertTrue(r.maxDiffToClear() <= maxLargeDiffToClear(), what + ": 8-bit output differs from the clear oracle's by more than "
                            + maxLargeDiffToClear()));
        }));
        DynamicTest mean = DynamicTest.dynamicTest("large images: mean PSNR", () -> {
            assertEquals(ids.size(), results.size(), () -> label() + ": only " + results.size() + " of " + ids.size()
                    + " large images ran, see their tests");
            double m = results.stream().mapToDouble(LargeImageResult::psnrDb).average().orElseThrow();
            assertTrue(m >= minLargeMeanPsnr(), () -> String.format("%s: mean PSNR of the large images %.2f dB < %.2f dB", label(), m,
                    minLargeMeanPsnr()));
        });
        return Stream.concat(perImage, Stream.of(mean));
    }

    // ---------------------------------------------------------------- wire format

    @Test
    protected void ciphertextsRoundTripThroughBytes() throws IOException {
        WireFixture w = wire();
        Ciphertext ct = w.client.encrypt(w.input);
        byte[] bytes = ct.toBytes();
        assertEquals(bytes.length, ct.byteSize(), "byteSize() must equal the serialized length");
        Ciphertext read = w.model.readCiphertext(new ByteArrayInputStream(bytes));
        assertEquals(w.input.shape(), read.shape());
        assertClose("input after a byte round trip", w.input, w.client.decrypt(read), layerTolerance());

        try (Server server = w.model.newServer(w.readKeys())) {
            Ciphertext out = server.run(read, assist(w.client, new AtomicInteger()), ProgressListener.NONE).output();
            Ciphertext outRead = w.model.readCiphertext(new ByteArrayInputStream(out.toBytes()));
            assertEquals(w.model.outputShape(), outRead.shape());
            assertClose("output after a byte round trip", ClearInterpreter.run(w.graph, w.input), w.client.decrypt(outRead), layerTolerance());
        }
    }

    @Test
    protected void evaluationKeysRoundTripThroughBytes() throws IOException {
        WireFixture w = wire();
        EvaluationKeys keys = w.readKeys();
        assertEquals(w.client.evaluationKeys().keyId(), keys.keyId());
        assertEquals(Files.size(w.keysFile), w.client.evaluationKeys().byteSize(), "byteSize() must equal the serialized length");
    }

    @Test
    protected void truncatedBytesAreRefused() throws IOException {
        WireFixture w = wire();
        byte[] ct = w.client.encrypt(w.input).toBytes();
        int header = headerLength(ct);
        for (int cut : new int[] {3, header / 2, header, header + 2, ct.length / 2, ct.length - 1}) {
            byte[] prefix = Arrays.copyOf(ct, cut);
            assertReason(Reason.TRUNCATED, "ciphertext cut to " + cut + " of " + ct.length + " bytes",
                    () -> w.model.readCiphertext(new ByteArrayInputStream(prefix)));
        }
        long keySize = Files.size(w.keysFile);
        byte[] keyHead = w.keysPrefix((int) Math.min(keySize - 1, header + 4096L));
        assertReason(Reason.TRUNCATED, "evaluation keys cut to " + keyHead.length + " of " + keySize + " bytes",
                () -> w.model.readEvaluationKeys(new ByteArrayInputStream(keyHead)));
    }

    @Test
    protected void corruptBytesAreRefused() throws IOException {
        WireFixture w = wire();
        byte[] ct = w.client.encrypt(w.input).toBytes();
        // The last four bytes are the final section's checksum; the byte before them is payload.
        for (int at : new int[] {ct.length - 5, ct.length - 1}) {
            byte[] flipped = ct.clone();
            flipped[at] ^= 0x40;
            assertReason(Reason.CORRUPT, "ciphertext with byte " + at + " flipped", () -> w.model.readCiphertext(new ByteArrayInputStream(flipped)));
        }
    }

    @Test
    protected void wrongMagicVersionKindOrBackendAreRefused() throws IOException {
        WireFixture w = wire();
        byte[] ct = w.client.encrypt(w.input).toBytes();
        byte[] magic = ct.clone();
        magic[0] ^= 0xFF;
        assertReason(Reason.BAD_MAGIC, "bad magic", () -> w.model.readCiphertext(new ByteArrayInputStream(magic)));
        byte[] version = ct.clone();
        version[VERSION_OFFSET + 1] = (byte) (Header.VERSION + 1);
        assertReason(Reason.UNSUPPORTED_VERSION, "other format version", () -> w.model.readCiphertext(new ByteArrayInputStream(version)));
        byte[] keyHead = w.keysPrefix(4096);
        assertReason(Reason.WRONG_KIND, "evaluation keys read as a ciphertext", () -> w.model.readCiphertext(new ByteArrayInputStream(keyHead)));
        assertReason(Reason.WRONG_KIND, "a ciphertext read as evaluation keys", () -> w.model.readEvaluationKeys(new ByteArrayInputStream(ct)));
        Header h = header(ct);
        byte[] otherBackend = reheader(ct, new Header(h.kind(), "not-" + h.backend(), h.parameterHash(), h.keyId()));
        assertReason(Reason.WRONG_BACKEND, "another backend's ciphertext", () -> w.model.readCiphertext(new ByteArrayInputStream(otherBackend)));
    }

    @Test
    protected void ciphertextsOfAnotherModelAreRefused() throws IOException {
        WireFixture w = wire();
        byte[] ct = w.client.encrypt(w.input).toBytes();
        TestGraphs g = new TestGraphs(seed() + 30);
        Sequential otherGraph = Sequential.of("other", new ConstantPad2d(1, 0), g.conv(3, 8, 2));
        try (CompiledModel other = backend.compile(otherGraph, IMAGE, withCalibration(options(), IMAGE, g))) {
            assertReason(Reason.PARAMETER_MISMATCH, "a ciphertext of another compiled model",
                    () -> other.readCiphertext(new ByteArrayInputStream(ct)));
            assertReason(Reason.PARAMETER_MISMATCH, "evaluation keys of another compiled model",
                    () -> other.readEvaluationKeys(new ByteArrayInputStream(w.keysPrefix((int) Math.min(Files.size(w.keysFile), 1 << 20)))));
        }
    }

    /** The input size is part of the plan, so the parameter hash differs between sizes of the same graph. */
    @Test
    protected void ciphertextsOfAnotherInputSizeAreRefused() throws IOException {
        WireFixture w = wire();
        byte[] ct = w.client.encrypt(w.input).toBytes();
        Shape smaller = new Shape(IMAGE.channels(), IMAGE.height() / 2, IMAGE.width() / 2);
        try (CompiledModel other = backend.compile(w.graph, smaller, withCalibration(options(), smaller, new TestGraphs(seed() + 31)))) {
            assertReason(Reason.PARAMETER_MISMATCH, "a ciphertext of the same graph compiled for " + IMAGE + ", read at " + smaller,
                    () -> other.readCiphertext(new ByteArrayInputStream(ct)));
        }
    }

    @Test
    protected void ciphertextsOfAnotherKeySetAreRefused() throws IOException {
        WireFixture w = wire();
        try (Client stranger = w.model.newClient()) {
            assertFalse(stranger.evaluationKeys().keyId().equals(w.client.evaluationKeys().keyId()), "two clients got the same key id");
            Ciphertext foreign = w.model.readCiphertext(new ByteArrayInputStream(stranger.encrypt(w.input).toBytes()));
            try (Server server = w.model.newServer(w.readKeys())) {
                assertReason(Reason.KEY_MISMATCH, "server run on another key set's ciphertext",
                        () -> server.run(foreign, assist(w.client, new AtomicInteger()), ProgressListener.NONE));
            }
            assertReason(Reason.KEY_MISMATCH, "decrypting another key set's ciphertext", () -> w.client.decrypt(foreign));
        }
    }

    @Test
    protected void secretKeyMaterialIsRefusedAsEvaluationKeys() throws IOException {
        WireFixture w = wire();
        byte[] keyHead = w.keysPrefix(4096);
        Header h = header(keyHead);
        byte[] secret = reheader(keyHead, new Header(ArtifactKind.SECRET_KEY, h.backend(), h.parameterHash(), h.keyId()));
        assertReason(Reason.SECRET_MATERIAL, "secret-key material offered as evaluation keys",
                () -> w.model.readEvaluationKeys(new ByteArrayInputStream(secret)));
    }

    // ---------------------------------------------------------------- shared steps

    /** Compiles the model at the size of large image {@code id}, runs it once and measures the output. */
    private LargeImageResult runLarge(MosaicModel base, String id) {
        RgbImage input = ImageFiles.read(ReferenceData.largeInput(id));
        MosaicModel model = base.withSize(new ImageSize(input.height(), input.width()));
        // The kit's own calibration hook is for 32x32 graphs; large images calibrate at their size.
        CompileOptions opts = options().withCalibration(model.calibrationInputs());
        Tensor x = model.preprocess(input);
        long t0 = System.nanoTime();
        Tensor out;
        try (CompiledModel compiled = backend.compile(model.graph(), model.inputShape(), opts);
             Client client = compiled.newClient(); Server server = compiled.newServer(client.evaluationKeys())) {
            assertEquals(model.inputShape(), compiled.inputShape());
            assertEquals(model.inputShape(), compiled.outputShape(), "the network keeps the image size");
            out = runOnce(opts.mode(), client, server, x, model.graph().reluCount());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        RgbImage image = model.postprocess(out);
        RgbImage clear = model.postprocess(ClearInterpreter.run(model.graph(), x));
        RgbImage expected = ImageFiles.read(ReferenceData.largeOutput(id));
        double floatDiff = model.denormalise(out).maxAbsDiff(ReferenceData.largeFloatOutput(id, model.inputShape()));
        return new LargeImageResult(id, model.size(), ImageMetrics.psnr(image, expected), ImageMetrics.maxAbsDiff(image, expected), floatDiff,
                ImageMetrics.maxAbsDiff(image, clear), seconds);
    }

    /** Runs {@code graph} encrypted on a random input and compares with the clear oracle. */
    private void checkLayers(String what, Sequential graph, Shape inputShape, TestGraphs g) {
        Tensor input = g.activations(inputShape, INPUT_SCALE);
        Tensor expected = ClearInterpreter.run(graph, input);
        CompileOptions opts = options().calibration().isEmpty() ? options().withCalibration(calibration(input, g)) : options();
        long t0 = System.nanoTime();
        Tensor out;
        try (CompiledModel model = backend.compile(graph, inputShape, opts);
             Client client = model.newClient(); Server server = model.newServer(client.evaluationKeys())) {
            assertEquals(inputShape, model.inputShape());
            assertEquals(expected.shape(), model.outputShape());
            out = runOnce(opts.mode(), client, server, input, graph.reluCount());
        }
        double tolerance = graph.reluCount() > 0 ? activationTolerance() : layerTolerance();
        log.info("{} {}: relative error {} in {} s", label(), what, String.format("%.3g", relativeError(expected, out)),
                String.format("%.3f", (System.nanoTime() - t0) / 1e9));
        assertClose(what, expected, out, tolerance);
    }

    /** One image through both roles; checks the client round trips the server claims against those it made. */
    private Tensor runOnce(Mode mode, Client client, Server server, Tensor input, int relus) {
        Ciphertext ct = client.encrypt(input);
        assertEquals(input.shape(), ct.shape(), "ciphertext shape");
        AtomicInteger asked = new AtomicInteger();
        Evaluation ev = server.run(ct, mode == Mode.CLIENT_AIDED ? assist(client, asked) : ClientAssist.NONE, ProgressListener.NONE);
        int expectedTrips = mode == Mode.CLIENT_AIDED ? relus : 0;
        assertEquals(expectedTrips, asked.get(), "client steps the server asked for");
        assertEquals(expectedTrips, ev.clientRoundTrips(), "client round trips the server reported");
        return client.decrypt(ev.output());
    }

    private static ClientAssist assist(Client client, AtomicInteger counter) {
        return request -> {
            counter.incrementAndGet();
            return client.assist(request);
        };
    }

    /** The input itself plus three more samples of the same distribution. */
    private static List<Tensor> calibration(Tensor input, TestGraphs g) {
        List<Tensor> list = new ArrayList<>();
        list.add(input);
        for (int i = 0; i < 3; i++) {
            list.add(g.activations(input.shape(), INPUT_SCALE));
        }
        return list;
    }

    private static CompileOptions withCalibration(CompileOptions options, Shape shape, TestGraphs g) {
        return options.calibration().isEmpty() ? options.withCalibration(calibration(g.activations(shape, INPUT_SCALE), g)) : options;
    }

    private static double relativeError(Tensor expected, Tensor actual) {
        return expected.maxAbsDiff(actual) / Math.max(1, expected.maxAbs());
    }

    private void assertClose(String what, Tensor expected, Tensor actual, double tolerance) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double err = relativeError(expected, actual);
        assertTrue(err <= tolerance, () -> String.format("%s: %s differs from the clear oracle by %.3g relative to max|y| = %.3g "
                + "(tolerance %.3g)", label(), what, err, expected.maxAbs(), tolerance));
    }

    private interface Io {
        void run() throws IOException;
    }

    private void assertReason(Reason reason, String what, Io action) {
        WireFormatException e = assertThrows(WireFormatException.class, action::run, () -> label() + ": " + what + " was accepted");
        assertEquals(reason, e.reason(), () -> label() + ": " + what + " refused for the wrong reason: " + e.getMessage());
    }

    private static Header header(byte[] artifact) throws IOException {
        return Header.read(new DataInputStream(new ByteArrayInputStream(artifact)));
    }

    private static byte[] headerBytes(Header h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        h.write(data);
        data.flush();
        return out.toByteArray();
    }

    /** Length of the artifact's header (the format is deterministic, so re-serialising gives it). */
    private static int headerLength(byte[] artifact) throws IOException {
        return headerBytes(header(artifact)).length;
    }

    /** The artifact with its header replaced by {@code h}. */
    private static byte[] reheader(byte[] artifact, Header h) throws IOException {
        int old = headerLength(artifact);
        byte[] head = headerBytes(h);
        byte[] out = Arrays.copyOf(head, head.length + artifact.length - old);
        System.arraycopy(artifact, old, out, head.length, artifact.length - old);
        return out;
    }

    /** One small linear model and client shared by the wire checks; evaluation keys are kept in a file. */
    private WireFixture wire() throws IOException {
        if (wire == null) {
            TestGraphs g = new TestGraphs(seed() + 20);
            Sequential graph = Sequential.of("wire", new ConstantPad2d(1, 0), g.conv(3, 8, 1));
            Tensor input = g.activations(IMAGE, INPUT_SCALE);
            CompiledModel model = backend.compile(graph, IMAGE, withCalibration(options(), IMAGE, g));
            Client client = model.newClient();
            Path keys = Files.createTempFile("hestyle-conformance-keys", ".bin");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(keys))) {
                client.evaluationKeys().writeTo(out);
            }
            wire = new WireFixture(graph, input, model, client, keys);
        }
        return wire;
    }

    private record WireFixture(Sequential graph, Tensor input, CompiledModel model, Client client, Path keysFile) {

        EvaluationKeys readKeys() throws IOException {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(keysFile))) {
                return model.readEvaluationKeys(in);
            }
        }

        byte[] keysPrefix(int n) {
            try (InputStream in = Files.newInputStream(keysFile)) {
                return in.readNBytes(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            try {
                client.close();
                model.close();
            } finally {
                Files.deleteIfExists(keysFile);
            }
        }
    }
}
