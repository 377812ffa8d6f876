package dev.hestyle.backend.openfhe;

import static dev.hestyle.backend.openfhe.TestVectors.map;
import static dev.hestyle.backend.openfhe.TestVectors.maxError;
import static dev.hestyle.backend.openfhe.TestVectors.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.api.WireFormatException;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The engine on fast insecure leveled parameters (N=2^12, 1024 slots, 3 levels) against exact arithmetic. */
@RequiresOpenFhe
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenFheEngineTest {
    private static final int SLOTS = 1024;
    private static final int LEVELS = 3;
    private static final double TOLERANCE = 1e-6;

    private OpenFheEngine engine;
    private CkksParameters params;
    private KeyPair keys;
    private Encryptor encryptor;
    private Evaluator evaluator;
    private final double[] x = random(SLOTS, 1, 1.5);
    private final double[] y = random(SLOTS, 2, 1.5);

    @BeforeAll
    void setUp() {
        engine = new OpenFheEngine();
        params = engine.parameters(new ParameterRequest(Security.INSECURE_TEST_ONLY, SLOTS, LEVELS, false));
        keys = engine.generateKeys(params, new KeyRequest(Set.of(1, 5, -3, 100, 512), true, false), ProgressListener.NONE);
        encryptor = engine.encryptor(params, keys);
        evaluator = engine.evaluator(params, keys.evaluationKeys());
    }

    @AfterAll
    void tearDown() {
        evaluator.close();
        encryptor.close();
        keys.close();
        engine.close();
    }

    @Test
    void parametersAreTheRequestedInsecureLeveledSet() {
        assertEquals("openfhe", params.engine());
        assertEquals(Security.INSECURE_TEST_ONLY, params.security());
        assertEquals(0, params.securityBits());
        assertEquals(12, params.logRingDimension());
        assertEquals(SLOTS, params.slots());
        assertEquals(LEVELS, params.freshLevels());
        assertEquals(SLOTS, evaluator.slots());
    }

    @Test
    void encryptDecryptRoundTrip() {
        try (Ct ct = encryptor.encrypt(x)) {
            assertEquals(LEVELS, ct.level());
            assertTrue(maxError(x, encryptor.decrypt(ct)) < TOLERANCE);
        }
        double[] shortInput = {0.5, -0.25, 1};
        try (Ct ct = encryptor.encrypt(shortInput)) {
            double[] expected = Arrays.copyOf(shortInput, SLOTS);
            assertTrue(maxError(expected, encryptor.decrypt(ct)) < TOLERANCE, "zero-padded");
        }
    }

    @Test
    void arithmeticMatchesExactResults() {
        double[] plain = random(SLOTS, 3, 1);
        double[] shortPlain = {2, -1, 0.5};
        try (Ct a = encryptor.encrypt(x); Ct b = encryptor.encrypt(y)) {
            check(map(SLOTS, i -> x[i] + y[i]), evaluator.add(a, b));
            check(map(SLOTS, i -> x[i] - y[i]), evaluator.sub(a, b));
            check(map(SLOTS, i -> x[i] + 0.75), evaluator.addConst(a, 0.75));
            check(map(SLOTS, i -> x[i] + plain[i]), evaluator.addPlain(a, plain));
            check(map(SLOTS, i -> x[i] + (i < 3 ? shortPlain[i] : 0)), evaluator.addPlain(a, shortPlain));
            check(map(SLOTS, i -> x[i] * -1.25), evaluator.mulConst(a, -1.25));
            check(map(SLOTS, i -> x[i] * plain[i]), evaluator.mulPlain(a, plain));
            check(map(SLOTS, i -> x[i] * (i < 3 ? shortPlain[i] : 0)), evaluator.mulPlain(a, shortPlain));
            check(map(SLOTS, i -> x[i] * y[i]), evaluator.mul(a, b));
            try (Ct square = evaluator.mul(a, a); Ct cube = evaluator.mul(square, a)) {
                check(map(SLOTS, i -> x[i] * x[i] * x[i] * 0.5), evaluator.mulConst(cube, 0.5));
            }
        }
    }

    @Test
    void rotationsMatchExactResults() {
        try (Ct a = encryptor.encrypt(x)) {
            check(map(SLOTS, i -> x[(i + 1) % SLOTS]), evaluator.rotate(a, 1));
            check(map(SLOTS, i -> x[Math.floorMod(i - 3, SLOTS)]), evaluator.rotate(a, -3));
            check(map(SLOTS, i -> x[(i + 5) % SLOTS]), evaluator.rotate(a, SLOTS + 5));
            check(x, evaluator.rotate(a, 0));
            check(x, evaluator.rotate(a, SLOTS));
            int[] steps = {1, 5, 0, -3, 100, 512};
            Ct[] rotated = evaluator.rotateHoisted(a, steps);
            assertEquals(steps.length, rotated.length);
            for (int k = 0; k < steps.length; k++) {
                int step = steps[k];
                check(map(SLOTS, i -> x[Math.floorMod(i + step, SLOTS)]), rotated[k]);
            }
        }
    }

    @Test
    void rotationsOfLowerLevelCiphertexts() {
        try (Ct a = encryptor.encrypt(x); Ct down = evaluator.mulConst(a, 0.5)) {
            int[] steps = {1, 100};
            Ct[] rotated = evaluator.rotateHoisted(down, steps);
            for (int k = 0; k < steps.length; k++) {
                int step = steps[k];
                assertEquals(LEVELS - 1, rotated[k].level());
                check(map(SLOTS, i -> 0.5 * x[(i + step) % SLOTS]), rotated[k]);
            }
        }
    }

    @Test
    void everyMultiplicationCostsOneLevelAndAdditionsTakeTheLower() {
        try (Ct fresh = encryptor.encrypt(x);
             Ct one = evaluator.mulConst(fresh, 0.5);
             Ct two = evaluator.mulPlain(one, y);
             Ct three = evaluator.mul(two, fresh);
             Ct mixed = evaluator.add(fresh, two);
             Ct rotated = evaluator.rotate(two, 1)) {
            assertEquals(LEVELS, fresh.level());
            assertEquals(LEVELS - 1, one.level());
            assertEquals(LEVELS - 2, two.level());
            assertEquals(LEVELS - 3, three.level());
            assertEquals(LEVELS - 2, mixed.level());
            assertEquals(LEVELS - 2, rotated.level());
            check(map(SLOTS, i -> 0.5 * x[i] * y[i] * x[i]), encryptor.decrypt(three));
            check(map(SLOTS, i -> x[i] + 0.5 * x[i] * y[i]), encryptor.decrypt(mixed));
            assertThrows(EvaluationException.class, () -> evaluator.mulConst(three, 2));
            assertThrows(EvaluationException.class, () -> evaluator.mulPlain(three, y));
            assertThrows(EvaluationException.class, () -> evaluator.mul(three, fresh));
            try (Ct sum = evaluator.add(three, fresh)) {
                assertEquals(0, sum.level());
            }
        }
    }

    @Test
    void missingRotationKeyIsAJavaException() {
        try (Ct a = encryptor.encrypt(x)) {
            EvaluationException e = assertThrows(EvaluationException.class, () -> evaluator.rotate(a, 2));
            assertTrue(e.getMessage().contains("rotation key"), e.getMessage());
            assertThrows(EvaluationException.class, () -> evaluator.rotateHoisted(a, new int[] {1, 7}));
            assertThrows(EvaluationException.class, () -> evaluator.bootstrap(a));
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeNativeCode() {
        try (Ct a = encryptor.encrypt(x)) {
            assertThrows(IllegalArgumentException.class, () -> encryptor.encrypt(new double[SLOTS + 1]));
            assertThrows(IllegalArgumentException.class, () -> encryptor.encrypt(new double[] {Double.NaN}));
            assertThrows(IllegalArgumentException.class, () -> encryptor.encrypt(new double[] {1e6}));
            assertThrows(IllegalArgumentException.class, () -> evaluator.addPlain(a, new double[SLOTS + 1]));
            assertThrows(IllegalArgumentException.class, () -> evaluator.mulPlain(a, new double[] {Double.POSITIVE_INFINITY}));
            assertThrows(IllegalArgumentException.class, () -> evaluator.mulConst(a, Double.NaN));
            assertThrows(NullPointerException.class, () -> evaluator.add(a, null));
            assertThrows(IllegalArgumentException.class, () -> evaluator.add(a, new ForeignCt()));
        }
    }

    @Test
    void useAfterCloseIsAnIllegalStateException() throws IOException {
        Ct a = encryptor.encrypt(x);
        Ct b = encryptor.encrypt(y);
        a.close();
        a.close();
        assertThrows(IllegalStateException.class, () -> evaluator.add(a, b));
        assertThrows(IllegalStateException.class, () -> evaluator.rotate(a, 1));
        assertThrows(IllegalStateException.class, () -> encryptor.decrypt(a));
        assertThrows(IllegalStateException.class, () -> a.write(new DataOutputStream(new ByteArrayOutputStream())));
        b.close();

        OpenFheEngine other = new OpenFheEngine();
        try {
            KeyPair otherKeys = other.generateKeys(params, new KeyRequest(Set.of(1), false, false), ProgressListener.NONE);
            Encryptor otherEncryptor = other.encryptor(params, otherKeys);
            Evaluator otherEvaluator = other.evaluator(params, otherKeys.evaluationKeys());
            Ct c = otherEncryptor.encrypt(x);
            otherEvaluator.close();
            otherEvaluator.close();
            assertThrows(IllegalStateException.class, () -> otherEvaluator.rotate(c, 1));
            otherEncryptor.close();
            assertThrows(IllegalStateException.class, () -> otherEncryptor.encrypt(x));
            otherKeys.close();
            otherKeys.close();
            assertThrows(IllegalStateException.class, () -> other.encryptor(params, otherKeys));
            assertThrows(IllegalStateException.class, () -> other.evaluator(params, otherKeys.evaluationKeys()));
            c.close();
        } finally {
            other.close();
            other.close();
        }
        assertThrows(IllegalStateException.class, () -> other.encryptor(params, keys));
    }

    @Test
    void ciphertextsAndEvaluationKeysRoundTripThroughBytes() throws IOException {
        try (Ct a = encryptor.encrypt(x); Ct lower = evaluator.mulConst(a, 2)) {
            for (Ct ct : List.of(a, lower)) {
                try (Ct back = engine.readCiphertext(params, input(bytes(ct)))) {
                    assertEquals(ct.level(), back.level());
                    assertTrue(maxError(encryptor.decrypt(ct), encryptor.decrypt(back)) < TOLERANCE);
                    check(encryptor.decrypt(evaluator.rotate(ct, 5)), evaluator.rotate(back, 5));
                }
            }
            EvalKeyMaterial material = keys.evaluationKeys();
            byte[] keyBytes = bytes(material);
            assertEquals(material.byteSize() > 0, true);
            try (EvalKeyMaterial read = engine.readEvalKeys(params, input(keyBytes));
                 Evaluator server = engine.evaluator(params, read);
                 Ct back = engine.readCiphertext(params, input(bytes(a)))) {
                assertEquals(material.keyId(), read.keyId());
                assertEquals(material.byteSize(), read.byteSize());
                check(map(SLOTS, i -> x[(i + 100) % SLOTS]), server.rotate(back, 100));
                check(map(SLOTS, i -> x[i] * x[i]), server.mul(back, back));
                assertThrows(EvaluationException.class, () -> server.rotate(back, 2));
            }
            // the client's keys still work after the server's copy is gone
            check(map(SLOTS, i -> x[(i + 1) % SLOTS]), evaluator.rotate(a, 1));
        }
    }

    @Test
    void evaluationKeysNamingAWrongOrMissingRotationKeyAreRefused() throws IOException {
        byte[] keyBytes = bytes(keys.evaluationKeys());
        // the description lists (step, ring rotation) pairs in ascending steps; the first is step 1
        byte[] notServing = withFirstRingRotation(keyBytes, 2);
        WireFormatException wrong = assertThrows(WireFormatException.class, () -> engine.readEvalKeys(params, input(notServing)));
        assertTrue(wrong.getMessage().contains("does not serve rotation step 1"), wrong.getMessage());
        // congruent to the step (the slot vector repeats in the ring), but no key was made for it
        byte[] missing = withFirstRingRotation(keyBytes, 1 + SLOTS);
        WireFormatException absent = assertThrows(WireFormatException.class, () -> engine.readEvalKeys(params, input(missing)));
        assertTrue(absent.getMessage().contains("lack the key for rotation 1"), absent.getMessage());
    }

    /** {@code keyBytes} with the ring rotation of the description's first rotation step replaced. */
    private byte[] withFirstRingRotation(byte[] keyBytes, int rotation) throws IOException {
        DataInputStream in = input(keyBytes);
        byte[] description = Sections.read(in, 1 << 20);
        int tagLength = keys.evaluationKeys().keyId().getBytes(StandardCharsets.UTF_8).length;
        // format, tag, slots, three flags, rotation count, then the first step and its ring rotation
        ByteBuffer fields = ByteBuffer.wrap(description);
        int first = Integer.BYTES + 2 + tagLength + Integer.BYTES + 3 + Integer.BYTES;
        assertEquals(1, fields.getInt(first), "first rotation step");
        fields.putInt(first + Integer.BYTES, rotation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            Sections.write(data, description);
            data.write(in.readAllBytes());
        }
        return out.toByteArray();
    }

    @Test
    void keyPairsRoundTripThroughTheirSecretBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            keys.writeSecret(data);
        }
        byte[] secret = out.toByteArray();
        try (KeyPair restored = engine.readKeyPair(params, input(secret));
             Encryptor restoredEncryptor = engine.encryptor(params, restored);
             Ct original = encryptor.encrypt(x);
             Ct again = restoredEncryptor.encrypt(y)) {
            assertEquals(keys.evaluationKeys().keyId(), restored.evaluationKeys().keyId());
            assertTrue(maxError(x, restoredEncryptor.decrypt(original)) < TOLERANCE);
            check(map(SLOTS, i -> y[(i + 1) % SLOTS]), evaluator.rotate(again, 1));
        }
        for (int length : new int[] {0, 10, secret.length / 2, secret.length - 1}) {
            byte[] truncated = Arrays.copyOf(secret, length);
            assertThrows(WireFormatException.class, () -> engine.readKeyPair(params, input(truncated)), "length " + length);
        }
        CkksParameters deeper = engine.parameters(new ParameterRequest(Security.INSECURE_TEST_ONLY, SLOTS, LEVELS + 1, false));
        assertThrows(WireFormatException.class, () -> engine.readKeyPair(deeper, input(secret)));
    }

    @Test
    void corruptOrTruncatedBytesAreRefused() throws IOException {
        byte[] good;
        try (Ct a = encryptor.encrypt(x)) {
            good = bytes(a);
        }
        for (int length : new int[] {0, 3, 100, good.length / 2, good.length - 1}) {
            byte[] truncated = Arrays.copyOf(good, length);
            assertThrows(WireFormatException.class, () -> engine.readCiphertext(params, input(truncated)), "length " + length);
        }
        byte[] flipped = good.clone();
        flipped[good.length / 3] ^= 0x10;
        assertThrows(WireFormatException.class, () -> engine.readCiphertext(params, input(flipped)));
        byte[] keyBytes = bytes(keys.evaluationKeys());
        byte[] truncatedKeys = Arrays.copyOf(keyBytes, keyBytes.length / 2);
        assertThrows(WireFormatException.class, () -> engine.readEvalKeys(params, input(truncatedKeys)));
    }

    @Test
    void ciphertextsOfAnotherKeySetAreRefused() {
        try (KeyPair otherKeys = engine.generateKeys(params, new KeyRequest(Set.of(1), true, false), ProgressListener.NONE);
             Encryptor otherEncryptor = engine.encryptor(params, otherKeys);
             Ct foreign = otherEncryptor.encrypt(x);
             Ct own = encryptor.encrypt(x)) {
            assertNotEquals(keys.evaluationKeys().keyId(), otherKeys.evaluationKeys().keyId());
            assertThrows(IllegalArgumentException.class, () -> evaluator.add(own, foreign));
            assertThrows(IllegalArgumentException.class, () -> encryptor.decrypt(foreign));
        }
    }

    @Test
    void twoThreadsShareOneEvaluatorCorrectly() throws Exception {
        double[] plain = random(SLOTS, 4, 1);
        try (Ct a = encryptor.encrypt(x)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<double[][]>> results = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    results.add(pool.submit(() -> {
                        double[][] out = new double[3][];
                        for (int round = 0; round < 10; round++) {
                            try (Ct fresh = encryptor.encrypt(y);
                                 Ct r = evaluator.rotate(a, 5);
                                 Ct m = evaluator.mul(r, fresh);
                                 Ct p = evaluator.mulPlain(a, plain)) {
                                Ct[] h = evaluator.rotateHoisted(a, new int[] {1, 100});
                                out[0] = encryptor.decrypt(m);
                                out[1] = encryptor.decrypt(p);
                                out[2] = encryptor.decrypt(h[1]);
                                for (Ct c : h) {
                                    c.close();
                                }
                            }
                        }
                        return out;
                    }));
                }
                for (Future<double[][]> result : results) {
                    double[][] out = result.get();
                    assertTrue(maxError(map(SLOTS, i -> x[(i + 5) % SLOTS] * y[i]), out[0]) < TOLERANCE);
                    assertTrue(maxError(map(SLOTS, i -> x[i] * plain[i]), out[1]) < TOLERANCE);
                    assertTrue(maxError(map(SLOTS, i -> x[(i + 100) % SLOTS]), out[2]) < TOLERANCE);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void repeatedEncryptDecryptDoesNotGrowNativeMemory() {
        for (int i = 0; i < 20; i++) {
            cycle(i);
        }
        System.gc();
        long before = ResidentMemory.kibibytes();
        for (int i = 0; i < 200; i++) {
            cycle(i);
        }
        System.gc();
        long grownKiB = ResidentMemory.kibibytes() - before;
        // one ciphertext here is 2 x 4 moduli x 4096 x 8 bytes = 256 KiB: a leak of one per cycle is 50 MiB
        assertTrue(grownKiB < 24 * 1024, "resident memory grew by " + grownKiB + " KiB over 200 cycles");
    }

    private void cycle(int i) {
        try (Ct ct = encryptor.encrypt(x); Ct r = evaluator.rotate(ct, 1); Ct s = evaluator.add(ct, r)) {
            double[] out = encryptor.decrypt(s);
            assertEquals(x[0] + x[1], out[0], TOLERANCE, "cycle " + i);
        }
    }

    private void check(double[] expected, Ct actual) {
        try (actual) {
            check(expected, encryptor.decrypt(actual));
        }
    }

    private static void check(double[] expected, double[] actual) {
        double error = maxError(expected, actual);
        assertTrue(error < TOLERANCE, "max error " + error);
    }

    private static byte[] bytes(Ct ct) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            ct.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(EvalKeyMaterial keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            keys.write(data);
        }
        return out.toByteArray();
    }

    private static DataInputStream input(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /** A ciphertext of some other engine. */
    private static final class ForeignCt implements Ct {
        @Override
        public int level() {
            return 1;
        }

        @Override
        public void write(DataOutputStream out) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void hoistedRotationsKeepTheirOrderAroundZeroSteps() {
        try (Ct a = encryptor.encrypt(x)) {
            Ct[] rotated = evaluator.rotateHoisted(a, new int[] {0, 0});
            assertEquals(2, rotated.length);
            assertArrayEquals(new int[] {LEVELS, LEVELS}, Arrays.stream(rotated).mapToInt(Ct::level).toArray());
            check(x, rotated[0]);
            check(x, rotated[1]);
        }
    }
}
