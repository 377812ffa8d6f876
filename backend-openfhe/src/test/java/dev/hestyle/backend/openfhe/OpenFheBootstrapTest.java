package dev.hestyle.backend.openfhe;

import static dev.hestyle.backend.openfhe.TestVectors.map;
import static dev.hestyle.backend.openfhe.TestVectors.maxError;
import static dev.hestyle.backend.openfhe.TestVectors.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Encryptor;
import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.KeyPair;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.Metered;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.Security;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bootstrapping with the production settings (sparse secret, scale 50, depth 24, level budget {3,3}) on a
 * small insecure ring (N=2^12, 1024 slots): the advertised levels are real, usable, and a ciphertext
 * that used them all can be bootstrapped again.
 */
@RequiresOpenFhe
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenFheBootstrapTest {
    private static final int SLOTS = 1024;
    private static final double PRECISION = Math.pow(2, -8);

    private OpenFheEngine engine;
    private CkksParameters params;
    private KeyPair keys;
    private Encryptor encryptor;
    private Evaluator evaluator;
    private final List<String> progress = new ArrayList<>();
    private final double[] x = random(SLOTS, 7, 0.9);

    @BeforeAll
    void setUp() {
        engine = new OpenFheEngine();
        params = engine.parameters(new ParameterRequest(Security.INSECURE_TEST_ONLY, SLOTS, 10, true));
        keys = engine.generateKeys(params, new KeyRequest(Set.of(3), false, true),
                (phase, done, total) -> progress.add(phase + " " + done + "/" + total));
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
    void keyGenerationReportsProgress() {
        assertEquals(List.of("keygen 0/3", "keygen 1/3", "keygen 2/3", "keygen 3/3"), progress);
    }

    @Test
    void everyAdvertisedLevelIsUsableAcrossTwoBootstraps() {
        double[] expected = x.clone();
        Ct current = encryptor.encrypt(x);
        assertEquals(params.freshLevels(), current.level());
        current = spendAllLevels(current, expected, 1.0);
        for (int round = 1; round <= 2; round++) {
            Ct refreshed = evaluator.bootstrap(current);
            current.close();
            current = refreshed;
            assertEquals(params.levelsAfterBootstrap(), current.level(), "levels after bootstrap " + round);
            double error = maxError(expected, encryptor.decrypt(current));
            assertTrue(error < PRECISION, "bootstrap " + round + " error 2^" + Math.log(error) / Math.log(2));
            current = spendAllLevels(current, expected, 0.97);
            double spent = maxError(expected, encryptor.decrypt(current));
            assertTrue(spent < PRECISION, "error after using every level: " + spent);
        }
        Ct exhausted = current;
        assertThrows(EvaluationException.class, () -> evaluator.mulConst(exhausted, 0.5));
        exhausted.close();
    }

    @Test
    void rotatedCiphertextsBootstrap() {
        try (Ct fresh = encryptor.encrypt(x); Ct rotated = evaluator.rotate(fresh, 3); Ct low = evaluator.mulConst(rotated, 0.5)) {
            Ct lower = low;
            while (lower.level() > 3) {
                Ct next = evaluator.mulConst(lower, 1.0);
                if (lower != low) {
                    lower.close();
                }
                lower = next;
            }
            try (Ct input = lower; Ct refreshed = evaluator.bootstrap(input)) {
                assertEquals(params.levelsAfterBootstrap(), refreshed.level());
                double error = maxError(map(SLOTS, i -> 0.5 * x[(i + 3) % SLOTS]), encryptor.decrypt(refreshed));
                assertTrue(error < PRECISION, "error " + error);
            }
        }
    }

    @Test
    void ciphertextsWithEnoughLevelsAreReturnedAsTheyAre() {
        // OpenFHE skips the work when the input has at least the levels a bootstrap would give
        try (Ct fresh = encryptor.encrypt(x); Ct same = evaluator.bootstrap(fresh)) {
            assertEquals(fresh.level(), same.level());
            assertTrue(maxError(x, encryptor.decrypt(same)) < 1e-6);
        }
    }

    @Test
    void rotationStepsThatBootstrappingKeysServeOrComposeGetNoKeyOfTheirOwn() throws IOException {
        // powers of two and small negative steps, like bootstrapping's own linear maps and convolutions
        Set<Integer> steps = new TreeSet<>();
        for (int step = 1; step < SLOTS; step *= 2) {
            steps.add(step);
        }
        for (int step = 1; step < 16; step++) {
            steps.add(SLOTS - step);
        }
        KeyRequest request = new KeyRequest(steps, false, true);
        try (KeyPair bootstrapOnly = engine.generateKeys(params, new KeyRequest(Set.of(), false, true), null);
             KeyPair withSteps = engine.generateKeys(params, request, null)) {
            int bootstrapKeys = keyCount(bootstrapOnly);
            int keys = keyCount(withSteps);
            assertTrue(keys < bootstrapKeys + steps.size(), keys + " keys: no step was served by a bootstrapping key");
            OpenFheEvalKeys evalKeys = (OpenFheEvalKeys) withSteps.evaluationKeys();
            assertTrue(steps.stream().anyMatch(step -> evalKeys.ringRotations(step).length == 2),
                    "no step served by two rotations whose keys exist");
            assertTrue(steps.stream().anyMatch(step -> evalKeys.ringRotation(step) == step + SLOTS),
                    "no step served by the equivalent ring rotation step + slots");

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            withSteps.evaluationKeys().write(new DataOutputStream(bytes));
            int[] stepArray = steps.stream().mapToInt(Integer::intValue).toArray();
            try (Encryptor client = engine.encryptor(params, withSteps);
                 EvalKeyMaterial read = engine.readEvalKeys(params, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                 Evaluator local = engine.evaluator(params, withSteps.evaluationKeys());
                 Evaluator server = engine.evaluator(params, read);
                 Ct ct = client.encrypt(x)) {
                for (Evaluator each : List.of(local, server)) {
                    Ct[] rotated = each.rotateHoisted(ct, stepArray);
                    for (int i = 0; i < stepArray.length; i++) {
                        int step = stepArray[i];
                        try (Ct r = rotated[i]) {
                            assertTrue(maxError(map(SLOTS, j -> x[(j + step) % SLOTS]), client.decrypt(r)) < 1e-4, "step " + step);
                        }
                    }
                    try (Ct r = each.rotate(ct, -1)) {
                        assertTrue(maxError(map(SLOTS, j -> x[Math.floorMod(j - 1, SLOTS)]), client.decrypt(r)) < 1e-4);
                    }
                    long composed = (Long) ((Metered) each).meter().get(OpenFheEvaluator.COMPOSED_ROTATIONS);
                    assertTrue(composed > 0, "composed rotations are counted");
                }
            }
        }
    }

    private static int keyCount(KeyPair keys) {
        return ((OpenFheEvalKeys) keys.evaluationKeys()).nativeKeys().automorphismIndices().length;
    }

    /** Multiplies by {@code factor} until level 0, tracking the expected values; closes the input. */
    private Ct spendAllLevels(Ct ct, double[] expected, double factor) {
        Ct current = ct;
        while (current.level() > 0) {
            Ct next = evaluator.mulConst(current, factor);
            current.close();
            current = next;
            for (int i = 0; i < expected.length; i++) {
                expected[i] *= factor;
            }
        }
        return current;
    }
}
