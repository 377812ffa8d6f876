package dev.hestyle.ckks.testing;

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
import dev.hestyle.wire.Sections;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A test engine without cryptography: {@link ExactEvaluator} behind the engine interface, with serializable
 * keys (the rotation set) and ciphertexts (the slot values). Lets the shared backend be tested end to end.
 */
public final class ExactEngine implements CkksEngine {
    private final Capabilities caps;
    private boolean closed;

    public ExactEngine(Capabilities caps) {
        this.caps = caps;
    }

    /** Bootstrapping engine: 8192 slots, {@code fresh} levels with bootstrapping, {@code afterBootstrap} after one. */
    public static ExactEngine bootstrapping(int fresh, int afterBootstrap) {
        return new ExactEngine(new Capabilities(true, 1 << 15, 2, afterBootstrap, fresh));
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String name() {
        return "exact-test";
    }

    @Override
    public Capabilities capabilities(Security security) {
        return caps;
    }

    @Override
    public CkksParameters parameters(ParameterRequest r) {
        if (r.slots() > caps.maxSlots()) {
            throw new IllegalArgumentException("too many slots");
        }
        int levels = r.bootstrapping() ? Math.max(r.levels(), caps.freshLevelsWithBootstrap()) : r.levels();
        if (!r.bootstrapping() && levels > caps.maxFreshLevels()) {
            throw new IllegalArgumentException("too many levels");
        }
        return new CkksParameters(name(), r.security(), 0, "none", Integer.numberOfTrailingZeros(r.slots()) + 1, r.slots(), 40, levels,
                r.bootstrapping(), r.bootstrapping() ? caps.levelsAfterBootstrap() : 0, Map.of());
    }

    /** Evaluation keys: the rotation set and flags. */
    public record Keys(String keyId, Set<Integer> rotations, boolean bootstrapping) implements EvalKeyMaterial {
        @Override
        public void write(DataOutputStream out) throws IOException {
            byte[] id = keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(4 + id.length + 5 + 4 * rotations.size());
            b.putInt(id.length).put(id).put((byte) (bootstrapping ? 1 : 0)).putInt(rotations.size());
            for (int r : rotations) {
                b.putInt(r);
            }
            Sections.write(out, b.array());
        }

        @Override
        public long byteSize() {
            return 4 + 4 + keyId.length() + 5 + 4L * rotations.size() + 4;
        }

        @Override
        public void close() {
        }
    }

    @Override
    public KeyPair generateKeys(CkksParameters params, KeyRequest request, ProgressListener progress) {
        return keyPair(new Keys(UUID.randomUUID().toString(), new TreeSet<>(request.rotations()), request.bootstrapping()));
    }

    /** The exact engine has no secret: its "secret key" file holds the evaluation key description. */
    private static KeyPair keyPair(Keys keys) {
        return new KeyPair() {
            @Override
            public EvalKeyMaterial evaluationKeys() {
                return keys;
            }

            @Override
            public void writeSecret(DataOutputStream out) throws IOException {
                keys.write(out);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public KeyPair readKeyPair(CkksParameters params, DataInputStream in) throws IOException {
        return keyPair((Keys) readEvalKeys(params, in));
    }

    @Override
    public Encryptor encryptor(CkksParameters params, KeyPair keys) {
        String id = keys.evaluationKeys().keyId();
        return new Encryptor() {
            @Override
            public Ct encrypt(double[] slots) {
                return new ExactCt(java.util.Arrays.copyOf(slots, params.slots()), params.freshLevels(), id);
            }

            @Override
            public double[] decrypt(Ct ct) {
                if (!(ct instanceof ExactCt e) || !e.keyId().equals(id)) {
                    throw new IllegalArgumentException("not a ciphertext of this key set");
                }
                return e.values().clone();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Evaluator evaluator(CkksParameters params, EvalKeyMaterial keys) {
        Keys k = (Keys) keys;
        return new ExactEvaluator(params.slots(), k.rotations(), k.bootstrapping() ? params.levelsAfterBootstrap() : 0, k.keyId());
    }

    @Override
    public EvalKeyMaterial readEvalKeys(CkksParameters params, DataInputStream in) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Sections.read(in, 1 << 24));
        byte[] id = new byte[b.getInt()];
        b.get(id);
        boolean boot = b.get() == 1;
        int n = b.getInt();
        Set<Integer> rot = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            rot.add(b.getInt());
        }
        return new Keys(new String(id, java.nio.charset.StandardCharsets.UTF_8), rot, boot);
    }

    @Override
    public Ct readCiphertext(CkksParameters params, DataInputStream in) throws IOException {
        return ExactCt.read(in);
    }

    @Override
    public void close() {
        closed = true;
    }
}
