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
    /** Coefficients of a fresh ciphertext (3 moduli), as {@link NativeCiphertext#export} writes them. */
    private byte[] ciphertextBytes;
    private double freshScale;

    @BeforeAll
    void setUp() {
        context = NativeContext.create(new ContextSpec(11, SLOTS, 40, 50, 2, false, false, List.of(), 0));
        keys = NativeKeyPair.generate(context);
        keys.generateRelinearization();
        keys.generateRotations(1, 7, 2 * SLOTS + 5);
        evalKeys = keys.evalKeys();
        evaluator = NativeEvaluator.create(context, evalKeys);
        try (NativeCiphertext ct = keys.encrypt(new double[] {1, 2, 3})) {
            ciphertextBytes = ct.export(0);
            freshScale = ct.scalingFactor();
            assertEquals(3, ct.towers());
            assertEquals(1, ct.noiseScaleDegree());
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
    void nativeCodeRefusesCoefficientsThatDoNotFitTheContext() {
        List<byte[]> garbage = new java.util.ArrayList<>();
        for (int length : new int[] {1, 8, 64, 1000, ciphertextBytes.length / 2, ciphertextBytes.length - 1}) {
            garbage.add(Arrays.copyOf(ciphertextBytes, length));
        }
        garbage.add(Arrays.copyOf(ciphertextBytes, ciphertextBytes.length + 3));
        byte[] outOfRange = ciphertextBytes.clone();
        Arrays.fill(outOfRange, 0, 8, (byte) 0xff);
        garbage.add(outOfRange);
        garbage.add(evalKeys.exportMultKey(0));
        for (byte[] bytes : garbage) {
            assertThrows(OpenFheNativeException.class, () -> NativeCiphertext.build(context, bytes, 0, 3, 1, freshScale).close(),
                    "accepted " + bytes.length + " bytes of garbage");
        }
        // metadata the coefficients do not have, or that does not fit the level
        assertThrows(OpenFheNativeException.class, () -> NativeCiphertext.build(context, ciphertextBytes, 0, 4, 1, freshScale));
        assertThrows(OpenFheNativeException.class, () -> NativeCiphertext.build(context, ciphertextBytes, 0, 0, 1, freshScale));
        assertThrows(OpenFheNativeException.class, () -> NativeCiphertext.build(context, ciphertextBytes, 0, 3, 3, freshScale));
        assertThrows(OpenFheNativeException.class, () -> NativeCiphertext.build(context, ciphertextBytes, 0, 3, 0, freshScale));
        assertThrows(OpenFheNativeException.class, () -> NativeCiphertext.build(context, ciphertextBytes, 0, 3, 1, freshScale * 2));
        assertThrows(OpenFheNativeException.class, () -> NativeCiphertext.build(context, ciphertextBytes, 0, 3, 1, Double.NaN));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeCiphertext.build(context, ciphertextBytes, -1, 3, 1, freshScale));
    }

    @Test
    void aRebuiltCiphertextIsUnboundUntilGivenATag() {
        try (NativeCiphertext back = NativeCiphertext.build(context, ciphertextBytes, 0, 3, 1, freshScale)) {
            assertEquals("", back.keyTag());
            assertEquals(2, back.level());
            OpenFheNativeException e = assertThrows(OpenFheNativeException.class, () -> keys.decrypt(back));
            assertTrue(e.getMessage().contains("not bound"), e.getMessage());
            try (NativeCiphertext bound = back.withKeyTag(keys.keyTag())) {
                assertEquals(keys.keyTag(), bound.keyTag());
                assertEquals(3, keys.decrypt(bound)[2], 1e-6);
            }
        }
    }

    @Test
    void nativeCodeRefusesKeyCoefficientsThatDoNotFitTheContext() {
        try (NativeEvalKeys read = NativeEvalKeys.create(context, "hestyle-test-read")) {
            byte[] good = evalKeys.exportMultKey(0);
            assertThrows(OpenFheNativeException.class, () -> read.addMultKey(Arrays.copyOf(good, good.length / 3), 0));
            assertThrows(OpenFheNativeException.class, () -> read.addMultKey(Arrays.copyOf(good, good.length + 8), 0));
            assertThrows(OpenFheNativeException.class, () -> read.addMultKey(ciphertextBytes, 0));
            byte[] outOfRange = good.clone();
            Arrays.fill(outOfRange, outOfRange.length - 8, outOfRange.length, (byte) 0x7f);
            assertThrows(OpenFheNativeException.class, () -> read.addMultKey(outOfRange, 0));
            assertThrows(OpenFheNativeException.class, () -> read.addPublicKey(good, 0));
            int index = context.automorphismIndex(1);
            byte[] rotation = evalKeys.exportAutomorphismKey(index, 0);
            assertThrows(OpenFheNativeException.class, () -> read.addAutomorphismKey(2, rotation, 0));
            assertThrows(OpenFheNativeException.class, () -> read.addAutomorphismKey(-1, rotation, 0));
            read.addAutomorphismKey(index, rotation, 0);
            read.addMultKey(good, 0);
            read.addPublicKey(evalKeys.exportPublicKey(0), 0);
            read.seal();
            assertThrows(IllegalStateException.class, () -> read.addMultKey(good, 0));
            assertEquals("hestyle-test-read", read.keyTag());
            // the keys read back serve a ciphertext bound to their tag
            try (NativeEvaluator other = NativeEvaluator.create(context, read);
                 NativeCiphertext ct = keys.encrypt(new double[] {1, 2});
                 NativeCiphertext bound = ct.withKeyTag(read.keyTag());
                 NativeCiphertext rotated = other.rotate(bound, 1);
                 NativeCiphertext back = rotated.withKeyTag(keys.keyTag());
                 NativeCiphertext stranger = ct.withKeyTag("hestyle-test-nobody")) {
                assertEquals(2, keys.decrypt(back)[0], 1e-6);
                assertThrows(OpenFheNativeException.class, () -> other.rotate(stranger, 1), "keys are found by their own tag only");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> NativeEvalKeys.create(context, "bad tag\n"));
    }

    @Test
    void closedHandlesThrowIllegalState() {
        NativeCiphertext ct = keys.encrypt(new double[] {1});
        NativeCiphertext copy = ct.copy();
        ct.close();
        ct.close();
        List<Executable> uses = List.of(() -> ct.export(0), ct::towers, ct::copy, () -> keys.decrypt(ct), () -> evaluator.add(ct, copy),
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
