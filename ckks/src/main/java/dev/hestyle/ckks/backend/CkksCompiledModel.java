package dev.hestyle.ckks.backend;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.ckks.batch.InterleavedEvaluator;
import dev.hestyle.ckks.batch.Interleaving;
import dev.hestyle.ckks.engine.CkksEngine;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.KeyPair;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.plan.Plan;
import dev.hestyle.ckks.program.Program;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.spi.PlanReport;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Server;
import dev.hestyle.tensor.Shape;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import dev.hestyle.wire.Sections;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A graph planned for one engine and parameter set; makes clients and servers and reads their artifacts. */
public final class CkksCompiledModel implements CompiledModel {
    private final CkksEngine engine;
    private final CkksParameters params;
    private final Plan plan;
    private final PlanReport report;
    private final ArtifactContext context;
    private final ProgressListener progress;
    private final Interleaving interleaving;

    CkksCompiledModel(CkksEngine engine, CkksParameters params, Plan plan, int batch, boolean encrypts, ProgressListener progress) {
        this.engine = engine;
        this.params = params;
        this.plan = plan;
        this.progress = progress;
        this.interleaving = new Interleaving(batch, plan.program().slots());
        // the parameters' hash covers the slot count, so artifacts of different batches never mix
        this.context = ArtifactContext.of(engine.name(), params.hash(), plan.program().hash());
        this.report = withBatch(plan.report(engine.name(), params, encrypts), batch);
    }

    private static PlanReport withBatch(PlanReport r, int batch) {
        if (batch == 1) {
            return r;
        }
        Map<String, Object> details = new LinkedHashMap<>(r.details());
        details.put("images_per_ciphertext", batch);
        return new PlanReport(r.backend(), r.mode(), r.securityBits(), r.secretDistribution(), r.ringDimension(), r.levelsUsed(), r.ops(),
                r.rotationKeys(), r.clientRoundTrips(), details);
    }

    /** The planned program (for tools and tests). */
    public Program program() {
        return plan.program();
    }

    /** The level-annotated plan. */
    public Plan planned() {
        return plan;
    }

    public CkksParameters parameters() {
        return params;
    }

    /** The hash written into every artifact header of this model (parameters and plan). */
    public String parameterHash() {
        return context.parameterHash();
    }

    @Override
    public PlanReport plan() {
        return report;
    }

    @Override
    public Shape inputShape() {
        return plan.program().inputLayout().shape();
    }

    @Override
    public Shape outputShape() {
        return plan.program().outputLayout().shape();
    }

    @Override
    public int batch() {
        return interleaving.batch();
    }

    /** How this model's images sit in the engine's slots. */
    Interleaving interleaving() {
        return interleaving;
    }

    /** The keys the program needs, as the engine's rotations of the batch. */
    private KeyRequest keyRequest() {
        KeyRequest r = plan.keyRequest();
        if (interleaving.batch() == 1) {
            return r;
        }
        Set<Integer> steps = new TreeSet<>();
        r.rotations().forEach(s -> steps.add(interleaving.engineSteps(s)));
        return new KeyRequest(steps, r.relinearization(), r.bootstrapping());
    }

    @Override
    public Client newClient() {
        KeyPair keys = engine.generateKeys(params, keyRequest(), progress);
        try {
            return new CkksClient(this, keys, engine.encryptor(params, keys));
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
    }

    @Override
    public Client readClient(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        Header h = Header.read(d).expect(ArtifactKind.SECRET_KEY, context.backend(), context.parameterHash(), null);
        KeyPair keys = body("secret key", () -> engine.readKeyPair(params, d));
        try {
            if (!keys.evaluationKeys().keyId().equals(h.keyId())) {
                throw new WireFormatException(Reason.CORRUPT, "secret key file claims key set " + h.keyId() + " in the header but holds "
                        + keys.evaluationKeys().keyId());
            }
            return new CkksClient(this, keys, engine.encryptor(params, keys));
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
    }

    @Override
    public Server newServer(EvaluationKeys keys) {
        CkksEvaluationKeys k = resolve(keys);
        return new CkksServer(this, evaluator(k.material()), k.keyId());
    }

    /** An evaluator over {@code keys} that runs the program: one image's view of the batch, if there is one. */
    Evaluator evaluator(EvalKeyMaterial keys) {
        Evaluator evaluator = engine.evaluator(params, keys);
        return interleaving.batch() == 1 ? evaluator : new InterleavedEvaluator(evaluator, interleaving);
    }

    ArtifactContext context() {
        return context;
    }

    CkksEngine engine() {
        return engine;
    }

    /** {@code keys} if they are this model's own, otherwise read back from their serialized form. */
    CkksEvaluationKeys resolve(EvaluationKeys keys) {
        if (keys instanceof CkksEvaluationKeys k && k.context().equals(context)) {
            return k;
        }
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            keys.writeTo(b);
            return readEvaluationKeys(new ByteArrayInputStream(b.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code c} if it is this model's own, otherwise read back from its serialized form. */
    CkksCiphertext resolve(Ciphertext c) {
        if (c instanceof CkksCiphertext k && k.context().equals(context)) {
            return k;
        }
        try {
            return readCiphertext(new ByteArrayInputStream(c.toBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CkksEvaluationKeys readEvaluationKeys(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        Header h = Header.read(d).expect(ArtifactKind.EVALUATION_KEYS, context.backend(), context.parameterHash(), null);
        EvalKeyMaterial m = body("evaluation keys", () -> engine.readEvalKeys(params, d));
        if (!m.keyId().equals(h.keyId())) {
            m.close();
            throw new WireFormatException(Reason.CORRUPT, "evaluation keys claim key set " + h.keyId() + " in the header but hold " + m.keyId());
        }
        return new CkksEvaluationKeys(m, context);
    }

    @Override
    public CkksCiphertext readCiphertext(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        Header h = Header.read(d).expect(ArtifactKind.CIPHERTEXT, context.backend(), context.parameterHash(), null);
        return body("ciphertext", () -> readTensor(d, h));
    }

    /** The description section and the engine ciphertexts of one encrypted tensor. */
    private CkksCiphertext readTensor(DataInputStream d, Header h) throws IOException {
        byte[] meta = Sections.read(d, CkksCiphertext.META_BYTES);
        if (meta.length == 16) {
            throw new WireFormatException(Reason.UNSUPPORTED_VERSION, "the ciphertext was written by an older hestyle (tensor layout version 1,"
                    + " one ciphertext per tensor); this build reads version " + CkksCiphertext.LAYOUT_VERSION);
        }
        if (meta.length != CkksCiphertext.META_BYTES) {
            throw new WireFormatException(Reason.CORRUPT, "ciphertext description has " + meta.length + " bytes, expected "
                    + CkksCiphertext.META_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(meta);
        int version = b.getInt();
        int role = b.getInt();
        int c = b.getInt();
        int hh = b.getInt();
        int w = b.getInt();
        int count = b.getInt();
        if (version != CkksCiphertext.LAYOUT_VERSION) {
            throw new WireFormatException(Reason.UNSUPPORTED_VERSION, "unsupported tensor layout version " + version + " (this build reads version "
                    + CkksCiphertext.LAYOUT_VERSION + ")");
        }
        if (role < CkksCiphertext.OUTPUT || c < 1 || hh < 1 || w < 1 || count < 1 || count > CkksCiphertext.MAX_CIPHERTEXTS) {
            throw new WireFormatException(Reason.CORRUPT, "ciphertext description is invalid (role " + role + ", shape " + c + "x" + hh + "x" + w
                    + ", " + count + " ciphertexts)");
        }
        Ct[] cts = new Ct[count];
        try {
            for (int i = 0; i < count; i++) {
                cts[i] = engine.readCiphertext(params, d);
            }
        } catch (IOException | RuntimeException e) {
            for (Ct ct : cts) {
                if (ct != null) {
                    ct.close();
                }
            }
            throw e;
        }
        return new CkksCiphertext(cts, new Shape(c, hh, w), role, h.keyId(), context);
    }

    /** Reads an artifact body. */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read() throws IOException;
    }

    /**
     * Runs {@code reader}, turning what a malformed body makes the JDK's readers throw into typed refusals: the
     * data ending early is {@link Reason#TRUNCATED}, a string that is not modified UTF-8 {@link Reason#CORRUPT}.
     * Other I/O failures are the stream's, not the data's, and pass as they are.
     */
    private static <T> T body(String what, BodyReader<T> reader) throws IOException {
        try {
            return reader.read();
        } catch (EOFException e) {
            throw truncated(what, e);
        } catch (UTFDataFormatException e) {
            throw new WireFormatException(Reason.CORRUPT, "malformed " + what + ": a text field is not valid UTF-8", e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof EOFException eof) {
                throw truncated(what, eof);
            }
            if (e.getCause() instanceof UTFDataFormatException u) {
                throw new WireFormatException(Reason.CORRUPT, "malformed " + what + ": a text field is not valid UTF-8", u);
            }
            throw e;
        }
    }

    private static WireFormatException truncated(String what, EOFException e) {
        return new WireFormatException(Reason.TRUNCATED, "truncated " + what + ": the data ends early", e);
    }

    /** Nothing to free: the engine belongs to the backend, keys to clients and servers. */
    @Override
    public void close() {
        // clients and servers own their native objects
    }

    @Override
    public String toString() {
        return "CkksCompiledModel[" + plan + "]";
    }
}
