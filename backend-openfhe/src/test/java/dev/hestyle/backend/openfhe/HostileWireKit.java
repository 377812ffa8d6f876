package dev.hestyle.backend.openfhe;

import static dev.hestyle.backend.openfhe.TestVectors.maxError;
import static dev.hestyle.backend.openfhe.TestVectors.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.backend.openfhe.jni.NativeCiphertext;
import dev.hestyle.backend.openfhe.jni.NativeEvaluator;
import dev.hestyle.backend.openfhe.jni.NativeMemory;
import dev.hestyle.backend.openfhe.jni.OpenFheNativeException;
import dev.hestyle.backend.openfhe.jni.RingLayout;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Encryptor;
import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.KeyPair;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile ciphertexts and evaluation keys against the server's decode and evaluate path and the client's
 * decrypt: a corpus made here from real artifacts ({@link WireMutations}: every header field, count,
 * modulus, tower, digit, level and scale, coefficients at and beyond their moduli, bit flips and
 * truncations with valid checksums) must end in typed exceptions only ({@link HestyleException}), never
 * a signal (the forked test JVM would die), a hang (timeouts) or growing native memory, while valid
 * ciphertexts keep evaluating correctly. Subclasses choose the parameter set.
 */
@RequiresOpenFhe
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileWireKit {
    private static final Logger log = LoggerFactory.getLogger(HostileWireKit.class);
    private static final double PRECISION = 1e-3;
    private static final int CT_HEADER = CiphertextEncoding.HEADER;
    /**
     * Refused inputs allocate nothing natively; this leaves room for the JVM's own native allocations
     * only (measured: no growth). The leak this guards against, 850 KiB per refused input, would be a
     * gigabyte here.
     */
    private static final long REFUSED_BOUND_KIB = 8 * 1024;

    private OpenFheEngine engine;
    private CkksParameters params;
    private RingLayout layout;
    private KeyPair keys;
    private Encryptor encryptor;
    private EvalKeyMaterial serverKeys;
    private Evaluator evaluator;
    private byte[] keyBody;
    private byte[] ciphertextBody;
    private final double[] x = random(64, 3, 0.8);
    private final double[] w = random(64, 4, 0.8);
    private final AtomicInteger bootstrapsLeft = new AtomicInteger();

    /** The parameter set under attack. */
    abstract ParameterRequest request();

    /** Keys the server gets: rotation by 1 at least. */
    abstract KeyRequest keyRequest();

    /** Single bit flips per ciphertext (each also once with a stale checksum). */
    abstract int ciphertextFlips();

    /** Bit flips per evaluation key section. */
    abstract int keyFlips();

    /** Bootstraps to try on accepted hostile ciphertexts (slow). */
    abstract int bootstraps();

    /** The least number of rejected ciphertexts the corpus must produce (memory is watched over them). */
    abstract int minimumRejected();

    /** Largest tolerated resident memory growth over the ciphertext corpus. */
    abstract long memoryBoundKib();

    @BeforeAll
    void setUp() throws IOException {
        engine = new OpenFheEngine();
        params = engine.parameters(request());
        layout = engine.context(params).layout();
        keys = engine.generateKeys(params, keyRequest(), ProgressListener.NONE);
        encryptor = engine.encryptor(params, keys);
        keyBody = bytes(keys.evaluationKeys()::write);
        // the server's keys come from the wire, as in serve
        serverKeys = engine.readEvalKeys(params, in(keyBody));
        evaluator = engine.evaluator(params, serverKeys);
        try (Ct ct = encryptor.encrypt(x)) {
            ciphertextBody = bytes(ct::write);
        }
        bootstrapsLeft.set(bootstraps());
        log.info("artifacts under attack: evaluation keys {} MiB ({} automorphism keys), ciphertext {} KiB", keyBody.length >> 20,
                ((OpenFheEvalKeys) serverKeys).nativeKeys().automorphismIndices().length, ciphertextBody.length >> 10);
    }

    @AfterAll
    void tearDown() {
        evaluator.close();
        serverKeys.close();
        encryptor.close();
        keys.close();
        engine.close();
    }

    /**
     * The corpus is first read once to sort it into refused and accepted inputs (accepted ones are
     * well-formed ciphertexts with other coefficients). Memory outside the Java heap is then watched
     * over the refused ones alone, which must not allocate natively at all, and over two passes of the
     * accepted ones decoded, evaluated and decrypted (the second pass decrypts a quarter of them), where only the
     * first may grow (allocator pools). The accepted ones run on all cores, as a server's sessions do: one ring
     * operation here is too small for OpenFHE to use more than one.
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void hostileCiphertextsGiveTypedErrorsOnlyAndNativeMemoryStaysFlat() {
        List<WireMutations.Mutant> refused = new java.util.ArrayList<>();
        List<WireMutations.Mutant> accepted = new java.util.ArrayList<>();
        for (WireMutations.Mutant mutant : ciphertextCorpus(ciphertextBody).mutants()) {
            (attackWithCiphertext(mutant, false) ? accepted : refused).add(mutant);
        }
        long start = settledKibibytes();
        for (int i = 0; i < refused.size(); i++) {
            if (attackWithCiphertext(refused.get(i), true)) {
                fail("'" + refused.get(i).name() + "' was refused once and accepted later");
            }
            if (i % 200 == 0) {
                validCiphertextStillEvaluates();
            }
        }
        long afterRefused = settledKibibytes();
        long[] afterPass = new long[2];
        for (int pass = 0; pass < 2; pass++) {
            boolean first = pass == 0;
            // every accepted input is decrypted in the first pass; the second repeats a fixed quarter of the
            // decryptions, enough to show a leak in them
            IntStream.range(0, accepted.size()).parallel()
                    .forEach(i -> attackWithCiphertext(accepted.get(i), true, first || i % 4 == 0));
            validCiphertextStillEvaluates();
            afterPass[pass] = settledKibibytes();
        }
        long afterFirstPass = afterPass[0];
        long afterAccepted = afterPass[1];
        log.info("{} hostile ciphertexts: {} refused, {} accepted; native memory in use {} MiB, {} MiB after the refused"
                + " ones, {} and {} MiB after each pass over the accepted ones", refused.size() + accepted.size(), refused.size(),
                accepted.size(), start / 1024, afterRefused / 1024, afterFirstPass / 1024, afterAccepted / 1024);
        assertTrue(refused.size() >= minimumRejected(), "only " + refused.size() + " refused inputs");
        assertTrue(afterRefused - start <= REFUSED_BOUND_KIB, "memory grew by " + (afterRefused - start) / 1024 + " MiB over "
                + refused.size() + " refused inputs");
        assertTrue(afterAccepted - afterFirstPass <= memoryBoundKib(), "memory grew by " + (afterAccepted - afterFirstPass) / 1024
                + " MiB over " + 2 * accepted.size() + " accepted and evaluated inputs");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void hostileEvaluationKeysGiveTypedErrorsOnly() {
        List<WireMutations.Mutant> corpus = keyCorpus().mutants();
        int rejected = 0;
        for (WireMutations.Mutant mutant : corpus) {
            if (!attackWithKeys(mutant)) {
                rejected++;
            }
        }
        log.info("{} hostile key sets: {} rejected", corpus.size(), rejected);
        assertTrue(rejected > corpus.size() / 2, "only " + rejected + " of " + corpus.size() + " rejected");
        validCiphertextStillEvaluates();
        try (EvalKeyMaterial again = engine.readEvalKeys(params, in(keyBody)); Evaluator fresh = engine.evaluator(params, again)) {
            checkEvaluation(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void tamperedResultsAreRefusedBeforeDecryption() throws IOException {
        byte[] result;
        try (Ct ct = engine.readCiphertext(params, in(ciphertextBody)); Ct product = evaluator.mulPlain(ct, w);
             Ct rescaled = evaluator.add(product, product)) {
            result = bytes(rescaled::write);
        }
        WireMutations tampered = new WireMutations(result);
        double scale = ByteBuffer.wrap(tampered.sections().get(0)).getDouble(16);
        int towers = ByteBuffer.wrap(tampered.sections().get(0)).getInt(8);
        int degree = ByteBuffer.wrap(tampered.sections().get(0)).getInt(12);
        tampered.doubles("scale", 0, 16, scale * 2, scale * (1 + 1e-6), scale / 2)
                .ints("towers", 0, 8, towers - 1, towers + 1)
                .ints("degree", 0, 12, 3 - degree)
                .longs("coefficient", 0, CT_HEADER, layout.ciphertextModulus(0), -1L);
        for (WireMutations.Mutant mutant : tampered.mutants()) {
            WireFormatException e = assertThrows(WireFormatException.class, () -> engine.readCiphertext(params, in(mutant.bytes())),
                    mutant.name());
            assertEquals(Reason.CORRUPT, e.reason(), mutant.name());
        }
        try (Ct back = engine.readCiphertext(params, in(result))) {
            double[] expected = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = 2 * x[i] * w[i];
            }
            assertTrue(maxError(expected, java.util.Arrays.copyOf(encryptor.decrypt(back), x.length)) < PRECISION);
        }
    }

    @Test
    void oldOpenFheSerializationsAreRefusedWithAClearError() {
        WireMutations old = new WireMutations(ciphertextBody).ints("format", 0, 0, 1, 2);
        WireMutations oldKeys = new WireMutations(keyBody).ints("format", 0, 0, 1, 2).ints("key format", 2, 0, 2);
        for (List<WireMutations.Mutant> mutants : List.of(old.mutants(), oldKeys.mutants())) {
            for (WireMutations.Mutant mutant : mutants) {
                WireFormatException e = assertThrows(WireFormatException.class, () -> {
                    if (mutants == old.mutants()) {
                        engine.readCiphertext(params, in(mutant.bytes())).close();
                    } else {
                        engine.readEvalKeys(params, in(mutant.bytes())).close();
                    }
                }, mutant.name());
                assertEquals(Reason.UNSUPPORTED_VERSION, e.reason(), mutant.name());
                assertTrue(e.getMessage().contains("no longer accepted"), e.getMessage());
            }
        }
    }

    @Test
    void everyKeySetReadGetsItsOwnTagAndClosingRemovesItsKeys() throws IOException {
        OpenFheEvalKeys first = (OpenFheEvalKeys) engine.readEvalKeys(params, in(keyBody));
        String firstTag = first.nativeKeys().keyTag();
        try (OpenFheEvalKeys second = (OpenFheEvalKeys) engine.readEvalKeys(params, in(keyBody))) {
            assertEquals(first.keyId(), second.keyId(), "the key set id is the sender's");
            assertNotEquals(firstTag, second.nativeKeys().keyTag(), "OpenFHE's tag is the reader's own");
            assertNotEquals(keys.evaluationKeys().keyId(), firstTag);
            first.close();
            // a ciphertext bound to the closed set's tag finds no keys any more
            OpenFheEvaluator other = (OpenFheEvaluator) engine.evaluator(params, second);
            try (other; NativeCiphertext ct = ((OpenFheKeyPair) keys).nativeKeys().encrypt(x);
                 NativeCiphertext stale = ct.withKeyTag(firstTag);
                 NativeEvaluator raw = NativeEvaluator.create(engine.context(params), second.nativeKeys())) {
                assertThrows(OpenFheNativeException.class, () -> raw.rotate(stale, 1));
                checkEvaluation(other);
            }
        }
    }

    /** Reads one hostile ciphertext and, if {@code evaluate}, evaluates and decrypts it; true if it was accepted. */
    private boolean attackWithCiphertext(WireMutations.Mutant mutant, boolean evaluate) {
        return attackWithCiphertext(mutant, evaluate, true);
    }

    /** Reads one hostile ciphertext and, if {@code evaluate}, evaluates it (and decrypts it if asked); true if accepted. */
    private boolean attackWithCiphertext(WireMutations.Mutant mutant, boolean evaluate, boolean decrypt) {
        Ct ct;
        try {
            ct = engine.readCiphertext(params, in(mutant.bytes()));
        } catch (WireFormatException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return fail("ciphertext '" + mutant.name() + "' raised " + e, e);
        }
        try (ct) {
            if (evaluate) {
                exercise(evaluator, ct, mutant.name(), decrypt);
            }
        }
        return true;
    }

    /** Reads one hostile key set and, if accepted, evaluates with it; true if it was accepted. */
    private boolean attackWithKeys(WireMutations.Mutant mutant) {
        EvalKeyMaterial read;
        try {
            read = engine.readEvalKeys(params, in(mutant.bytes()));
        } catch (WireFormatException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return fail("keys '" + mutant.name() + "' raised " + e, e);
        }
        try (read) {
            Evaluator hostile;
            try {
                hostile = engine.evaluator(params, read);
            } catch (HestyleException e) {
                return true;
            }
            try (hostile; Ct ct = engine.readCiphertext(params, in(ciphertextBody))) {
                exercise(hostile, ct, mutant.name());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    /** Operations a server and a client would apply; each may refuse with a typed error only. */
    private void exercise(Evaluator with, Ct ct, String name) {
        exercise(with, ct, name, true);
    }

    private void exercise(Evaluator with, Ct ct, String name, boolean decrypt) {
        List<java.util.function.Function<Ct, Object>> uses = new java.util.ArrayList<>(List.of(
                a -> with.rotate(a, 1),
                a -> with.mulPlain(a, w),
                a -> with.add(a, a),
                a -> with.mul(a, a)));
        if (decrypt) {
            uses.add(a -> encryptor.decrypt(a));
        }
        for (java.util.function.Function<Ct, Object> use : uses) {
            try {
                Object result = use.apply(ct);
                if (result instanceof Ct made) {
                    made.close();
                }
            } catch (HestyleException e) {
                // typed refusal: what the attack should get
            } catch (RuntimeException e) {
                fail("'" + name + "' made an operation raise " + e, e);
            }
        }
        if (params.bootstrapping() && bootstrapsLeft.getAndDecrement() > 0) {
            try {
                with.bootstrap(ct).close();
            } catch (HestyleException e) {
                // typed refusal
            } catch (RuntimeException e) {
                fail("'" + name + "' made bootstrapping raise " + e, e);
            }
        }
    }

    private void validCiphertextStillEvaluates() {
        checkEvaluation(evaluator);
    }

    /** A valid ciphertext read from bytes, rotated, multiplied and decrypted to the exact result. */
    private void checkEvaluation(Evaluator with) {
        try (Ct ct = engine.readCiphertext(params, in(ciphertextBody)); Ct rotated = with.rotate(ct, 1);
             Ct product = with.mulPlain(rotated, w)) {
            byte[] result = bytes(product::write);
            try (Ct back = engine.readCiphertext(params, in(result))) {
                double[] actual = encryptor.decrypt(back);
                double[] expected = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    // a left rotation of the padded slot vector: slot i gets slot i+1, the last one the first
                    int next = (i + 1) % params.slots();
                    expected[i] = (next < x.length ? x[next] : 0) * w[i];
                }
                assertTrue(maxError(expected, java.util.Arrays.copyOf(actual, x.length)) < PRECISION, "valid ciphertext evaluated wrongly");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WireMutations ciphertextCorpus(byte[] body) {
        Random random = new Random(11);
        WireMutations m = new WireMutations(body);
        ByteBuffer header = ByteBuffer.wrap(m.sections().get(0));
        int slots = header.getInt(4);
        int towers = header.getInt(8);
        double scale = header.getDouble(16);
        int n = layout.ringDimension();
        m.ints("format", 0, 0, 0, 4, -1, 0x01000080)
                .ints("slots", 0, 4, 0, -1, slots / 2, slots * 2, Integer.MAX_VALUE)
                .ints("towers", 0, 8, 0, -1, towers - 1, towers + 1, layout.ciphertextTowers() + 1, 1000, Integer.MAX_VALUE)
                .ints("degree", 0, 12, 0, 2, 3, -1, Integer.MAX_VALUE)
                .doubles("scale", 0, 16, 0, -scale, 2 * scale, scale * (1 + 1e-6), scale * (1 - 1e-6), Double.NaN,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Math.nextUp(scale));
        for (int tower = 0; tower < towers; tower += Math.max(1, towers - 1)) {
            long q = layout.ciphertextModulus(tower);
            for (int at : new int[] {CT_HEADER + tower * n * 8, CT_HEADER + ((tower + 1) * n - 1) * 8,
                                     CT_HEADER + (towers + tower) * n * 8}) {
                m.longs("coefficient at byte " + at, 0, at, q, q + 1, -1L, Long.MIN_VALUE, 1L << 62, q - 1, 0);
            }
        }
        return m.bitFlips(0, ciphertextFlips(), random).truncations(0, ciphertextFlips() / 3, random).structure();
    }

    private WireMutations keyCorpus() {
        Random random = new Random(12);
        WireMutations m = new WireMutations(keyBody);
        ByteBuffer description = ByteBuffer.wrap(m.sections().get(0));
        int idLength = Short.toUnsignedInt(description.getShort(4));
        int slotsAt = 6 + idLength;
        int rotationsAt = slotsAt + 7;
        int rotations = description.getInt(rotationsAt);
        int indicesAt = rotationsAt + 4 + 8 * rotations;
        int indices = description.getInt(indicesAt);
        int slots = description.getInt(slotsAt);
        m.ints("description format", 0, 0, 0, 4)
                .bytes("key id length", 0, 4, 0x7f, 0xff)
                .ints("slots", 0, slotsAt, 0, slots / 2, slots * 2, -1)
                .bytes("public key flag", 0, slotsAt + 4, 0, 2)
                .bytes("relinearisation flag", 0, slotsAt + 5, 0)
                .bytes("bootstrapping flag", 0, slotsAt + 6, params.bootstrapping() ? 0 : 1)
                .ints("rotation count", 0, rotationsAt, 0, -1, rotations + 1, Integer.MAX_VALUE)
                .ints("index count", 0, indicesAt, 0, indices - 1, indices + 1, -1, Integer.MAX_VALUE);
        if (rotations > 0) {
            int step = description.getInt(rotationsAt + 4);
            int ring = description.getInt(rotationsAt + 8);
            m.ints("first step", 0, rotationsAt + 4, 0, -1, slots, step + 1)
                    .ints("first ring rotation", 0, rotationsAt + 8, 0, layout.ringDimension() / 2, ring + 1, ring + slots);
        }
        if (indices > 0) {
            int first = description.getInt(indicesAt + 4);
            m.ints("first index", 0, indicesAt + 4, 0, 2, -1, 2 * layout.ringDimension() + 1, first + 2);
        }
        int n = layout.ringDimension();
        for (int section = 1; section < Math.min(4, m.sections().size()); section++) {
            ByteBuffer key = ByteBuffer.wrap(m.sections().get(section));
            int count = key.getInt(8);
            int towers = key.getInt(12);
            int polynomials = key.getInt(4) == 1 ? count : 2 * count;
            m.ints("format of key " + section, section, 0, 0, 4)
                    .ints("kind of key " + section, section, 4, 0, 1, 2, 3)
                    .ints("digits of key " + section, section, 8, count - 1, count + 1, 0, -1, Integer.MAX_VALUE)
                    .ints("towers of key " + section, section, 12, towers - 1, towers + 1, 0, Integer.MAX_VALUE)
                    .longs("first coefficient of key " + section, section, KeyEncoding.HEADER, layout.switchingModulus(0), -1L, 12345)
                    .longs("last coefficient of key " + section, section, KeyEncoding.HEADER + (polynomials * towers * n - 1) * 8, -1L)
                    .bitFlips(section, keyFlips(), random)
                    .truncations(section, Math.max(4, keyFlips() / 4), random);
        }
        return m.bitFlips(0, keyFlips(), random).structure();
    }

    /**
     * Native memory in use (what the C library's allocator has handed out), once the collector has let
     * cleaners free what is unreachable: unlike resident memory it does not move with the Java heap or
     * with pages the allocator keeps, so a leak shows directly.
     */
    private static long settledKibibytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        long bytes = NativeMemory.allocatedBytes();
        return bytes >= 0 ? bytes / 1024 : ResidentMemory.kibibytes();
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
