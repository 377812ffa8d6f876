package dev.hestyle.backend.simulated;

import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.engine.CkksEngine;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.ckks.engine.Encryptor;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.KeyPair;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import java.io.DataInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A {@link CkksEngine} that computes on plain slot vectors while reproducing what real CKKS does to
 * them: the errors of each operation at the modelled parameters ({@link NoiseModel}), the level budget,
 * the keys each operation needs, bootstrapping's input range, and the time and sizes of real libraries
 * ({@link ParameterModel}). It runs the same program as the real engines, in seconds.
 *
 * <p><b>Nothing is encrypted</b>: ciphertexts and keys of this engine protect nothing. Its results are
 * deterministic given {@link SimulationOptions#seed()}.
 */
public final class SimulatedEngine implements CkksEngine {
    /** The backend name written into artifact headers. */
    public static final String NAME = "simulated";

    private final SimulationOptions options;
    private final SecureRandom ids = new SecureRandom();

    /** An engine with default options (seed from {@value SimulationOptions#SEED_PROPERTY} if set). */
    public SimulatedEngine() {
        this(SimulationOptions.defaults());
    }

    public SimulatedEngine(SimulationOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SimulationOptions options() {
        return options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities(Security security) {
        return ParameterModel.capabilities(security);
    }

    @Override
    public CkksParameters parameters(ParameterRequest request) {
        request.security().checkAllowed();
        return ParameterModel.parameters(NAME, ParameterModel.select(request), request);
    }

    @Override
    public KeyPair generateKeys(CkksParameters params, KeyRequest request, ProgressListener progress) {
        ParameterRow row = ParameterModel.rowOf(params);
        if (request.bootstrapping() && !params.bootstrapping()) {
            throw new IllegalArgumentException("bootstrapping keys requested for parameter set " + row.name() + ", which has no bootstrapping");
        }
        TreeSet<Integer> steps = new TreeSet<>();
        for (int r : request.rotations()) {
            int k = Math.floorMod(r, params.slots());
            if (k != 0) {
                steps.add(k);
            }
        }
        int[] rotations = steps.stream().mapToInt(Integer::intValue).toArray();
        byte[] id = new byte[8];
        ids.nextBytes(id);
        SimulatedKeys keys = new SimulatedKeys(HexFormat.of().formatHex(id), row, rotations, request.relinearization(), request.bootstrapping());
        (progress == null ? ProgressListener.NONE : progress).onProgress("keygen", 1, 1);
        return new SimulatedKeyPair(keys);
    }

    @Override
    public KeyPair readKeyPair(CkksParameters params, DataInputStream in) throws IOException {
        return new SimulatedKeyPair(SimulatedKeys.read(ParameterModel.rowOf(params), params.slots(), in));
    }

    @Override
    public Encryptor encryptor(CkksParameters params, KeyPair keys) {
        if (!(keys instanceof SimulatedKeyPair pair)) {
            throw new IllegalArgumentException("not a simulated key pair: " + (keys == null ? "null" : keys.getClass().getName()));
        }
        if (pair.isClosed()) {
            throw new IllegalStateException("the key pair was closed");
        }
        ParameterRow row = matching(params, pair.evaluationKeys());
        return new SimulatedEncryptor(params, row, new NoiseModel(row, options.noise()), pair.evaluationKeys().keyId(), options.seed());
    }

    @Override
    public Evaluator evaluator(CkksParameters params, EvalKeyMaterial keys) {
        if (!(keys instanceof SimulatedKeys k)) {
            throw new IllegalArgumentException("not simulated evaluation keys: " + (keys == null ? "null" : keys.getClass().getName()));
        }
        ParameterRow row = matching(params, k);
        return new SimulatedEvaluator(params, row, new NoiseModel(row, options.noise()), k, options.bootstrapTolerance());
    }

    @Override
    public EvalKeyMaterial readEvalKeys(CkksParameters params, DataInputStream in) throws IOException {
        return SimulatedKeys.read(ParameterModel.rowOf(params), params.slots(), in);
    }

    @Override
    public Ct readCiphertext(CkksParameters params, DataInputStream in) throws IOException {
        ParameterModel.rowOf(params);
        return SimulatedCt.read(params, in);
    }

    @Override
    public void close() {
        // nothing to free
    }

    private static ParameterRow matching(CkksParameters params, SimulatedKeys keys) {
        ParameterRow row = ParameterModel.rowOf(params);
        if (!row.name().equals(keys.parameterSet())) {
            throw new IllegalArgumentException("keys were made for parameter set " + keys.parameterSet() + ", not " + row.name());
        }
        return row;
    }
}
