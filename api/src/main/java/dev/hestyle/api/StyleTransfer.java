package dev.hestyle.api;

import dev.hestyle.spi.Backend;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.Backends;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Server;
import dev.hestyle.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-process convenience: compiles a {@link StyleModel} on a backend once, then stylises images by
 * playing both roles (key generation, encryption, server evaluation, decryption). Use the SPI's
 * {@link Client} and {@link Server} directly to split the roles across machines.
 *
 * <pre>{@code
 * try (StyleTransfer st = StyleTransfer.create(model, "openfhe", CompileOptions.defaults())) {
 *     StyleResult r = st.encryptRun(image);
 * }
 * }</pre>
 */
public final class StyleTransfer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StyleTransfer.class);

    private final StyleModel model;
    private final Backend backend;
    private final CompiledModel compiled;
    private final double compileSeconds;
    private final CompileOptions options;

    private StyleTransfer(StyleModel model, Backend backend, CompiledModel compiled, double compileSeconds, CompileOptions options) {
        this.model = model;
        this.backend = backend;
        this.compiled = compiled;
        this.compileSeconds = compileSeconds;
        this.options = options;
    }

    /**
     * Selects a backend (see {@link Backends#select}) and compiles {@code model} on it.
     *
     * @param backendName a backend name, {@code "auto"} or {@code null} for automatic selection
     * @param options compile options; in non-interactive mode, calibration inputs default to the model's own when empty
     */
    public static StyleTransfer create(StyleModel model, String backendName, CompileOptions options) {
        Objects.requireNonNull(model, "model");
        BackendProvider provider = Backends.select(backendName);
        return create(model, provider.create(), options);
    }

    /**
     * Compiles {@code model} on an already created backend; the returned object owns and closes it. Empty
     * calibration inputs default to the model's own in non-interactive mode, the one mode whose polynomial
     * activations need measured ranges; client-aided mode applies exact activations and skips them, since
     * producing them costs seconds at large image sizes.
     */
    public static StyleTransfer create(StyleModel model, Backend backend, CompileOptions options) {
        boolean needsCalibration = options.calibration().isEmpty() && options.mode() == Mode.NON_INTERACTIVE;
        CompileOptions opts = needsCalibration ? options.withCalibration(model.calibrationInputs()) : options;
        long t0 = System.nanoTime();
        CompiledModel compiled;
        try {
            compiled = backend.compile(model.graph(), model.inputShape(), opts);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        double secs = seconds(t0);
        log.info("compiled model '{}' on backend '{}' in {} s: {} mode, {} per {}", model.name(), backend.name(),
                String.format("%.2f", secs), compiled.plan().mode().label(), compiled.plan().ops(),
                compiled.batch() == 1 ? "image" : "evaluation of " + compiled.batch() + " images in one ciphertext");
        log.debug("plan: {}", compiled.plan());
        return new StyleTransfer(model, backend, compiled, secs, opts);
    }

    public CompiledModel compiled() {
        return compiled;
    }

    /** Wall-clock seconds {@link #create} spent compiling the model. */
    public double compileSeconds() {
        return compileSeconds;
    }

    public Backend backend() {
        return backend;
    }

    public StyleModel model() {
        return model;
    }

    /** Pre-processes, runs encrypted with a fresh key set, decrypts and post-processes one image. */
    public StyleResult encryptRun(RgbImage image) {
        return encryptRunBatch(List.of(image)).get(0);
    }

    /**
     * As {@link #encryptRun} for up to {@link CompiledModel#batch()} images of the model's size, encrypted into one
     * ciphertext with one fresh key set and evaluated once. Each result's phase times are its share of the batch's
     * (the batch's seconds divided by the images given); its details name the batch ({@code batch_images}) and the
     * batch's whole evaluation ({@code batch_eval_seconds}).
     *
     * @throws IllegalArgumentException if there are no images or more than the batch holds
     */
    public List<StyleResult> encryptRunBatch(List<RgbImage> images) {
        int n = images.size();
        if (n < 1 || n > compiled.batch()) {
            throw new IllegalArgumentException("the model holds 1 to " + compiled.batch() + " images per ciphertext, got " + n);
        }
        List<Tensor> inputs = new ArrayList<>();
        for (RgbImage image : images) {
            inputs.add(model.preprocess(image));
        }
        long t0 = System.nanoTime();
        try (Client client = compiled.newClient()) {
            double keygen = seconds(t0);
            long t1 = System.nanoTime();
            Evaluation ev;
            long keyBytes;
            long ctBytes;
            double encrypt;
            double eval;
            try (Ciphertext ct = client.encryptBatch(inputs)) {
                encrypt = seconds(t1);
                keyBytes = client.evaluationKeys().byteSize();
                ctBytes = ct.byteSize();
                long t2 = System.nanoTime();
                try (Server server = compiled.newServer(client.evaluationKeys())) {
                    ClientAssist assist = options.mode() == Mode.CLIENT_AIDED ? client : ClientAssist.NONE;
                    ev = server.run(ct, assist, options.progress());
                }
                eval = seconds(t2);
            }
            long t3 = System.nanoTime();
            List<Tensor> outs;
            try (Ciphertext result = ev.output()) {
                outs = client.decryptBatch(result);
            }
            double decrypt = seconds(t3);
            PhaseTimes times = new PhaseTimes(compileSeconds, keygen / n, encrypt / n, eval / n, decrypt / n);
            log.debug("batch of {} done: {} per image", n, times);
            Map<String, Object> details = ev.details();
            if (compiled.batch() > 1) {
                details = new LinkedHashMap<>(details);
                details.put("batch_images", n);
                details.put("batch_eval_seconds", eval);
            }
            List<StyleResult> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Tensor out = outs.get(i);
                results.add(new StyleResult(model.postprocess(out), out, times, ev.ops(), compiled.plan(), keyBytes, ctBytes, details));
            }
            return results;
        }
    }

    @Override
    public void close() {
        try {
            compiled.close();
        } finally {
            backend.close();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
