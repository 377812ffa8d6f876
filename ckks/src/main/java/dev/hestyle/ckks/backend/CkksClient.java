package dev.hestyle.ckks.backend;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.ckks.batch.Interleaving;
import dev.hestyle.ckks.engine.Encryptor;
import dev.hestyle.ckks.engine.KeyPair;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.program.ClientActivation;
import dev.hestyle.ckks.program.Program;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.tensor.Tensor;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
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
        return encryptBatch(List.of(input));
    }

    @Override
    public Ciphertext encryptBatch(List<Tensor> inputs) {
        open();
        for (Tensor input : inputs) {
            if (!input.shape().equals(model.inputShape())) {
                throw new IllegalArgumentException("the network takes " + model.inputShape() + " inputs, got " + input.shape());
            }
        }
        List<double[][]> packed = new ArrayList<>();
        for (Tensor input : inputs) {
            packed.add(program().packInput(input));
        }
        double[][] slots = new double[program().inputLayout().ciphertexts()][];
        for (int c = 0; c < slots.length; c++) {
            List<double[]> images = new ArrayList<>();
            for (double[][] p : packed) {
                images.add(p[c]);
            }
            slots[c] = model.interleaving().interleave(images);
        }
        return new CkksCiphertext(encryptAll(slots), model.inputShape(), CkksCiphertext.INPUT, evaluationKeys.keyId(), model.context());
    }

    @Override
    public Tensor decrypt(Ciphertext ciphertext) {
        open();
        CkksCiphertext c = own(ciphertext);
        if (c.role() >= 0) {
            ClientActivation step = activation(c);
            return step.layout().unpackAll(decryptAll(c), step.outputDivisor());
        }
        if (model.batch() > 1) {
            throw new IllegalArgumentException("this ciphertext holds a batch of " + model.batch() + " images: use decryptBatch");
        }
        return decryptBatch(c).get(0);
    }

    @Override
    public List<Tensor> decryptBatch(Ciphertext ciphertext) {
        open();
        CkksCiphertext c = own(ciphertext);
        if (c.role() >= 0) {
            return List.of(decrypt(c));
        }
        boolean output = c.role() == CkksCiphertext.OUTPUT;
        c.expect(output ? program().outputLayout() : program().inputLayout());
        double[][] slots = decryptAll(c);
        Interleaving batch = model.interleaving();
        double[][][] split = new double[slots.length][][];
        for (int i = 0; i < slots.length; i++) {
            split[i] = batch.split(slots[i]);
        }
        List<Tensor> images = new ArrayList<>();
        for (int k = 0; k < batch.batch(); k++) {
            double[][] image = new double[slots.length][];
            for (int i = 0; i < slots.length; i++) {
                image[i] = split[i][k];
            }
            images.add(output ? program().unpackOutput(image) : program().inputLayout().unpackAll(image, program().inputDivisor()));
        }
        return images;
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
        Tensor in = step.layout().unpackAll(decryptAll(c), step.inputMultiplier());
        double[] relu = in.toArray();
        for (int i = 0; i < relu.length; i++) {
            relu[i] = Math.max(0, relu[i]);
        }
        double[][] packed = step.layout().packAll(Tensor.wrap(in.shape(), relu), step.outputDivisor());
        return new CkksCiphertext(encryptAll(packed), in.shape(), step.index(), evaluationKeys.keyId(), model.context());
    }

    /** One fresh ciphertext per slot vector; on failure, those already made are freed. */
    private Ct[] encryptAll(double[][] slots) {
        Ct[] cts = new Ct[slots.length];
        try {
            for (int i = 0; i < slots.length; i++) {
                cts[i] = encryptor.encrypt(slots[i]);
            }
            return cts;
        } catch (RuntimeException e) {
            for (Ct ct : cts) {
                if (ct != null) {
                    ct.close();
                }
            }
            throw e;
        }
    }

    private double[][] decryptAll(CkksCiphertext c) {
        Ct[] cts = c.cts();
        double[][] slots = new double[cts.length][];
        for (int i = 0; i < cts.length; i++) {
            slots[i] = encryptor.decrypt(cts[i]);
        }
        return slots;
    }

    private ClientActivation activation(CkksCiphertext c) {
        ClientActivation step = program().clientActivation(c.role());
        if (step == null) {
            throw new WireFormatException(Reason.CORRUPT, "the ciphertext is for client activation #" + c.role() + " but this plan has "
                    + program().clientActivations().size());
        }
        c.expect(step.layout());
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
