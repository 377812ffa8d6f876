package dev.hestyle.spark;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.ckks.backend.CiphertextLevel;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The driver's side of a job: the model compiled here (to plan the work and to split and join encrypted
 * tensors) and the {@link ExecutorSetup} sent to executors. The driver reads only the header of the evaluation
 * keys, for their key id and parameter hash; it never loads key material and never sees a secret key.
 */
public final class DriverModel implements AutoCloseable {
    private final StyleTransfer model;
    private final CiphertextLevel level;
    private final ExecutorSetup setup;
    private volatile List<Phase> phases;

    private DriverModel(StyleTransfer model, CiphertextLevel level, ExecutorSetup setup) {
        this.model = model;
        this.level = level;
        this.setup = setup;
    }

    /**
     * Compiles {@code spec} here and checks that the evaluation keys at {@code evalKeysPath} were made for it.
     *
     * @throws HestyleException if the plan needs the client (client-aided mode): Spark jobs run non-interactive plans only
     * @throws dev.hestyle.api.WireFormatException if the key file is not evaluation keys of this plan
     */
    public static DriverModel open(ModelSpec spec, String evalKeysPath) {
        StyleTransfer model = spec.compile();
        try {
            CiphertextLevel level = CiphertextLevel.of(model.compiled());
            if (level.needsClient()) {
                throw new HestyleException("Spark jobs run non-interactive plans only: a client-aided plan needs the client's secret key "
                        + "at every activation; compile with mode non-interactive");
            }
            String keyId = keyId(model.compiled(), evalKeysPath);
            return new DriverModel(model, level, new ExecutorSetup(spec, evalKeysPath, keyId, level.parameterHash()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static String keyId(CompiledModel compiled, String evalKeysPath) {
        try (InputStream in = SharedFiles.open(evalKeysPath)) {
            Header h = Header.read(new DataInputStream(in));
            h.expect(ArtifactKind.EVALUATION_KEYS, compiled.plan().backend(), CiphertextLevel.of(compiled).parameterHash(), null);
            return h.keyId();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation keys " + evalKeysPath + ": " + e.getMessage(), e);
        }
    }

    /** What executors are told. */
    public ExecutorSetup setup() {
        return setup;
    }

    public CompiledModel compiled() {
        return model.compiled();
    }

    CiphertextLevel level() {
        return level;
    }

    /** The graph's phases (computed once). */
    public List<Phase> phases() {
        List<Phase> p = phases;
        if (p == null) {
            p = GraphPartitioner.phases(level.graph());
            phases = p;
        }
        return p;
    }

    /** Reads an encrypted tensor of this model. */
    public Ciphertext readCiphertext(byte[] bytes) {
        try {
            return model.compiled().readCiphertext(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
