package dev.hestyle.ckks.backend;

import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A compiled model seen at the ciphertext level, for executors that run its graph somewhere else than one
 * {@link dev.hestyle.spi.Server}: the graph, the engine ciphertexts of an encrypted input, the encrypted output
 * made of result ciphertexts, single ciphertexts in the wire format, and an evaluator over evaluation keys.
 * Nothing here touches a secret key.
 *
 * <p>A single ciphertext travels as the artifact {@link Header} (kind {@link ArtifactKind#CIPHERTEXT}, this
 * model's backend and parameter hash, the key id) followed by the engine's body, so that a value of another
 * plan or key set is refused when read.
 */
public final class CiphertextLevel {
    private final CkksCompiledModel model;

    private CiphertextLevel(CkksCompiledModel model) {
        this.model = model;
    }

    /**
     * @throws UnsupportedGraphException if {@code compiled} was not compiled by a CKKS backend
     */
    public static CiphertextLevel of(CompiledModel compiled) {
        if (compiled instanceof CkksCompiledModel m) {
            return new CiphertextLevel(m);
        }
        throw new UnsupportedGraphException("the model was compiled by a backend without a ciphertext-level program ("
                + compiled.getClass().getSimpleName() + "); use a CKKS backend");
    }

    /** The ciphertext-level program. */
    public CtGraph graph() {
        return model.planned().graph();
    }

    /** The hash of parameters and plan that every artifact of this model carries. */
    public String parameterHash() {
        return model.parameterHash();
    }

    /** Whether the program asks the client for activations (client-aided). */
    public boolean needsClient() {
        return !model.program().clientActivations().isEmpty();
    }

    /**
     * The engine ciphertexts of the encrypted network input {@code input} (owned by {@code input}: close that,
     * not them).
     *
     * @throws dev.hestyle.api.WireFormatException if it is of another key set than {@code keyId}, not the
     *         network input, or not of the input's shape and ciphertext count
     */
    public Ct[] inputs(Ciphertext input, String keyId) {
        CkksCiphertext in = model.resolve(input).belongingTo(keyId, CkksCiphertext.INPUT);
        in.expect(model.program().inputLayout());
        return in.cts();
    }

    /** The encrypted network output made of {@code outputs} (one per graph output; the result owns them). */
    public Ciphertext output(Ct[] outputs, String keyId) {
        CkksCiphertext out = new CkksCiphertext(outputs, model.outputShape(), CkksCiphertext.OUTPUT, keyId, model.context());
        out.expect(model.program().outputLayout());
        return out;
    }

    /** One ciphertext in the wire format (header, then the engine's body). */
    public byte[] write(Ct ct, String keyId) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            DataOutputStream d = new DataOutputStream(b);
            header(keyId).write(d);
            ct.write(d);
            d.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /**
     * Reads a ciphertext written by {@link #write}.
     *
     * @throws dev.hestyle.api.WireFormatException if it was written for another backend, parameter hash or key set,
     *         or is malformed
     */
    public Ct read(byte[] bytes, String keyId) {
        try {
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(bytes));
            Header.read(d).expect(ArtifactKind.CIPHERTEXT, model.context().backend(), model.parameterHash(), keyId);
            return model.engine().readCiphertext(model.parameters(), d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server-side evaluator over {@code keys} (which must stay open while it is used); the caller closes it.
     *
     * @throws dev.hestyle.api.WireFormatException if the keys belong to another model
     */
    public Evaluator evaluator(EvaluationKeys keys) {
        return model.evaluator(model.resolve(keys).material());
    }

    private Header header(String keyId) {
        return new Header(ArtifactKind.CIPHERTEXT, model.context().backend(), model.parameterHash(), keyId);
    }
}
