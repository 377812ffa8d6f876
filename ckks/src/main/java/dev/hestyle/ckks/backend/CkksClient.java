package dev.hestyle.ckks.backend;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.ckks.engine.Encryptor;
import dev.hestyle.ckks.engine.KeyPair;
import dev.hestyle.ckks.program.ClientActivation;
import dev.hestyle.ckks.program.Program;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The key owner: packs tensors into the program's input layout and encrypts them, decrypts and unpacks
 * results, and — in client-aided mode — performs each activation (decrypt, exact ReLU on the tensor,
 * re-pack, fresh encryption).
 */
final class CkksClient implements Client {
    private final CkksCompiledModel model;
    private final KeyPair keys;
    private final Encryptor encryptor;
    private final CkksEvaluationKeys evaluationKeys;
    private final AtomicBoolean closed = new AtomicBoolean();

    CkksClient(CkksCompiledModel model, KeyPair keys, Encryptor encryptor) {
        this.model = model;
        this.keys = keys;
        this.encryptor = encryptor;
        this.evaluationKeys = new CkksEvaluationKeys(keys.evaluationKeys(), model.context());
    }

    private Program program() {
        return model.program();
    }

    @Override
    public EvaluationKeys evaluationKeys() {
        return evaluationKeys;
    }

    @Override
    public Ciphertext encrypt(Tensor input) {
        open();
        if (!input.shape().equals(model.inputShape())) {
            throw new IllegalArgumentException("the network takes " + model.inputShape() + " inputs, got " + input.shape());
        }
        return new CkksCiphertext(encryptor.encrypt(program().packInput(input)), input.shape(), CkksCiphertext.INPUT,
                evaluationKeys.keyId(), model.context());
    }

    @Override
    public Tensor decrypt(Ciphertext ciphertext) {
        open();
        CkksCiphertext c = own(ciphertext);
        double[] slots = encryptor.decrypt(c.ct());
        if (c.role() == CkksCiphertext.OUTPUT) {
            expectShape(c, model.outputShape());
            return program().unpackOutput(slots);
        }
        if (c.role() == CkksCiphertext.INPUT) {
            expectShape(c, model.inputShape());
            return program().inputLayout().unpack(slots, program().inputDivisor());
        }
        ClientActivation step = activation(c);
        return step.layout().unpack(slots, step.outputDivisor());
    }

    @Override
    public void writeSecretKey(OutputStream out) throws IOException {
        open();
        DataOutputStream d = new DataOutputStream(out);
        new Header(ArtifactKind.SECRET_KEY, model.context().backend(), model.context().parameterHash(), evaluationKeys.keyId()).write(d);
        keys.writeSecret(d);
        d.flush();
    }

    @Override
    public Ciphertext assist(Ciphertext request) {
        open();
        CkksCiphertext c = own(request);
        if (c.role() < 0) {
            throw new IllegalArgumentException("asked to assist with the " + CkksCiphertext.describeRole(c.role()) + ", which is not an activation request");
        }
        ClientActivation step = activation(c);
        Tensor in = step.layout().unpack(encryptor.decrypt(c.ct()), step.inputMultiplier());
        double[] relu = in.toArray();
        for (int i = 0; i < relu.length; i++) {
            relu[i] = Math.max(0, relu[i]);
        }
        double[] packed = step.layout().pack(Tensor.wrap(in.shape(), relu), step.outputDivisor());
        return new CkksCiphertext(encryptor.encrypt(packed), in.shape(), step.index(), evaluationKeys.keyId(), model.context());
    }

    private ClientActivation activation(CkksCiphertext c) {
        ClientActivation step = program().clientActivation(c.role());
        if (step == null) {
            throw new WireFormatException(Reason.CORRUPT, "the ciphertext is for client activation #" + c.role() + " but this plan has "
                    + program().clientActivations().size());
        }
        expectShape(c, step.layout().shape());
        return step;
    }

    private CkksCiphertext own(Ciphertext ciphertext) {
        CkksCiphertext c = model.resolve(ciphertext);
        if (!c.keyId().equals(evaluationKeys.keyId())) {
            throw new WireFormatException(Reason.KEY_MISMATCH, "ciphertext belongs to key set " + c.keyId() + ", this client holds "
                    + evaluationKeys.keyId());
        }
        return c;
    }

    private static void expectShape(CkksCiphertext c, Shape expected) {
        if (!c.shape().equals(expected)) {
            throw new WireFormatException(Reason.CORRUPT, "the " + CkksCiphertext.describeRole(c.role()) + " should be " + expected + " but the ciphertext says "
                    + c.shape());
        }
    }

    private void open() {
        if (closed.get()) {
            throw new IllegalStateException("this client is closed: its secret key was destroyed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                encryptor.close();
            } finally {
                keys.close();
            }
        }
    }
}
