package dev.hestyle.backend.openfhe.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.backend.openfhe.RequiresOpenFhe;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * The JNI layer on its own: native errors become Java exceptions, bad bytes are refused without
 * crashing, handles behave after close.
 */
@RequiresOpenFhe
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeLayerTest {
    private static final int SLOTS = 256;
    /** N/2 for N=2^11: the slot vector repeats four times in the ring. */
    private static final int RING_SLOTS = 1024;

    private NativeContext context;
    private NativeKeyPair keys;
    private NativeEvalKeys evalKeys;
    private NativeEvaluator evaluator;
    private byte[] ciphertextBytes;

    @BeforeAll
    void setUp() {
        context = NativeContext.create(new ContextSpec(11, SLOTS, 40, 50, 2, false, false, List.of(), 0));
        keys = NativeKeyPair.generate(context);
        keys.generateRelinearization();
        keys.generateRotations(1, 7, 2 * SLOTS + 5);
        evalKeys = keys.evalKeys();
        evaluator = NativeEvaluator.create(context, evalKeys);
        try (NativeCiphertext ct = keys.encrypt(new double[] {1, 2, 3})) {
            ciphertextBytes = ct.serialize();
        }
    }

    @AfterAll
    void tearDown() {
        evaluator.close();
        evalKeys.close();
        keys.close();
        context.close();
    }

    @Test
    void missingRotationKeyInOpenFheIsAJavaException() {
        try (NativeCiphertext ct = keys.encrypt(new double[] {1})) {
            OpenFheNativeException e = assertThrows(OpenFheNativeException.class, () -> evaluator.rotate(ct, 2));
            assertTrue(e.getMessage().startsWith("OpenFHE: "), e.getMessage());
            assertThrows(OpenFheNativeException.class, () -> evaluator.rotateHoisted(ct, new int[] {1, 3}));
            try (NativeCiphertext rotated = evaluator.rotate(ct, 7)) {
                assertEquals(1, keys.decrypt(rotated)[SLOTS - 7], 1e-6);
            }
        }
    }

    @Test
    void aRingRotationBySlotsPlusStepRotatesTheRepeatedSlotVectorByStep() {
        double[] x = new double[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            x[i] = Math.sin(i);
        }
        try (NativeCiphertext ct = keys.encrypt(x);
             NativeCiphertext rotated = evaluator.rotate(ct, 2 * SLOTS + 5)) {
            double[] y = keys.decrypt(rotated);
            for (int i = 0; i < SLOTS; i++) {
                assertEquals(x[(i + 5) % SLOTS], y[i], 1e-5, "slot " + i);
            }
            assertThrows(OpenFheNativeException.class, () -> evaluator.rotate(ct, 5), "no key of its own for step 5");
        }
    }

    @Test
    void garbageCiphertextBytesAreRefused() {
        List<byte[]> garbage = new java.util.ArrayList<>();
        for (int length : new int[] {1, 8, 64, 1000, ciphertextBytes.length / 2, ciphertextBytes.length - 1}) {
            garbage.add(Arrays.copyOf(ciphertextBytes, length));
        }
        garbage.add(new byte[4096]);
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            byte[] noise = new byte[1 + random.nextInt(8192)];
            random.nextBytes(noise);
            garbage.add(noise);
        }
        garbage.add(evalKeys.serializeMultKey());
        byte[] trailing = Arrays.copyOf(ciphertextBytes, ciphertextBytes.length + 3);
        garbage.add(trailing);
        for (byte[] bytes : garbage) {
            assertThrows(OpenFheNativeException.class, () -> NativeCiphertext.deserialize(context, bytes, "").close(),
                    "accepted " + bytes.length + " bytes of garbage");
        }
        assertThrows(IllegalArgumentException.class, () -> NativeCiphertext.deserialize(context, new byte[0], ""));
    }

    @Test
    void ciphertextsOfOtherParametersOrKeysAreRefused() {
        try (NativeContext other = NativeContext.create(new ContextSpec(11, SLOTS, 40, 50, 3, false, false, List.of(), 0))) {
            OpenFheNativeException e = assertThrows(OpenFheNativeException.class,
                    () -> NativeCiphertext.deserialize(other, ciphertextBytes, ""));
            assertTrue(e.getMessage().contains("other encryption parameters"), e.getMessage());
        }
        assertThrows(OpenFheNativeException.class, () -> NativeCiphertext.deserialize(context, ciphertextBytes, "another-key-set"));
        try (NativeCiphertext back = NativeCiphertext.deserialize(context, ciphertextBytes, keys.keyTag())) {
            assertEquals(3, keys.decrypt(back)[2], 1e-6);
            assertEquals(keys.keyTag(), back.keyTag());
            assertEquals(2, back.level());
        }
    }

    @Test
    void garbageKeyBytesAreRefused() {
        try (NativeEvalKeys read = NativeEvalKeys.create(context, evalKeys.keyTag())) {
            byte[] good = evalKeys.serializeMultKey();
            assertThrows(OpenFheNativeException.class, () -> read.addMultKey(Arrays.copyOf(good, good.length / 3)));
            assertThrows(OpenFheNativeException.class, () -> read.addMultKey(ciphertextBytes));
            int index = context.automorphismIndex(1);
            byte[] rotation = evalKeys.serializeAutomorphismKey(index);
            assertThrows(OpenFheNativeException.class, () -> read.addAutomorphismKey(2, rotation));
            assertThrows(OpenFheNativeException.class, () -> read.addAutomorphismKey(-1, rotation));
            read.addAutomorphismKey(index, rotation);
            read.addMultKey(good);
            read.seal();
            assertThrows(IllegalStateException.class, () -> read.addMultKey(good));
        }
        try (NativeEvalKeys foreign = NativeEvalKeys.create(context, "someone-else")) {
            assertThrows(OpenFheNativeException.class, () -> foreign.addMultKey(evalKeys.serializeMultKey()));
        }
        assertThrows(IllegalArgumentException.class, () -> NativeEvalKeys.create(context, "bad tag\n"));
    }

    @Test
    void closedHandlesThrowIllegalState() {
        NativeCiphertext ct = keys.encrypt(new double[] {1});
        NativeCiphertext copy = ct.copy();
        ct.close();
        ct.close();
        List<Executable> uses = List.of(ct::serialize, ct::keyTag, ct::copy, () -> keys.decrypt(ct), () -> evaluator.add(ct, copy),
                () -> evaluator.rotateHoisted(ct, new int[] {1}));
        for (Executable use : uses) {
            assertThrows(IllegalStateException.class, use);
        }
        assertEquals(1, keys.decrypt(copy)[0], 1e-6, "a copy outlives the original handle");
        copy.close();

        NativeKeyPair pair = NativeKeyPair.generate(context);
        pair.close();
        pair.close();
        assertThrows(IllegalStateException.class, () -> pair.encrypt(new double[] {1}));
        assertThrows(IllegalStateException.class, pair::evalKeys);
    }

    @Test
    void argumentsAreValidatedBeforeNativeCode() {
        try (NativeCiphertext ct = keys.encrypt(new double[] {1})) {
            assertThrows(IllegalArgumentException.class, () -> keys.encrypt(new double[SLOTS + 1]));
            assertThrows(IllegalArgumentException.class, () -> evaluator.rotate(ct, 0));
            assertThrows(IllegalArgumentException.class, () -> evaluator.rotate(ct, RING_SLOTS));
            assertThrows(IllegalArgumentException.class, () -> evaluator.rotate(ct, -1));
            assertThrows(IllegalArgumentException.class, () -> evaluator.rotateHoisted(ct, new int[] {1, RING_SLOTS}));
            assertThrows(IllegalArgumentException.class, () -> evaluator.mulPlain(ct, new double[SLOTS + 1]));
            try (NativeKeyPair fresh = NativeKeyPair.generate(context)) {
                assertThrows(IllegalArgumentException.class, () -> fresh.generateRotations(0));
                assertThrows(IllegalArgumentException.class, () -> fresh.generateRotations(RING_SLOTS));
            }
            assertThrows(IllegalStateException.class, () -> keys.generateRotations(3));
            assertThrows(IllegalStateException.class, () -> evaluator.bootstrap(ct));
            assertThrows(IllegalArgumentException.class,
                    () -> new ContextSpec(11, SLOTS * 8, 40, 50, 2, false, false, List.of(), 0));
        }
    }
}
