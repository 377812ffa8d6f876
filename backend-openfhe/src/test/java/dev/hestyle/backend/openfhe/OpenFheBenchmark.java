package dev.hestyle.backend.openfhe;

import static dev.hestyle.backend.openfhe.TestVectors.maxError;
import static dev.hestyle.backend.openfhe.TestVectors.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Encryptor;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.KeyPair;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operation costs at the real 128-bit parameter sets, run on request only:
 * {@code -Dhestyle.openfhe.benchmark=leveled} (N=2^14, seconds) or {@code =bootstrap} (N=2^16 with
 * bootstrapping keys: about 5 minutes and 14 GiB of memory). Results go to the log and to
 * {@code target/openfhe-benchmark-<set>.txt}; results are also checked for correctness. The client-aided set holds
 * at most 8192 slots.
 */
@RequiresOpenFhe
class OpenFheBenchmark {
    private static final Logger log = LoggerFactory.getLogger(OpenFheBenchmark.class);
    /** Slots of the measured sets; {@code -Dhestyle.openfhe.benchmark.slots=32768} measures the full-slot bootstrap. */
    private static final int SLOTS = Integer.getInteger("hestyle.openfhe.benchmark.slots", 8192);

    private final List<String> lines = new ArrayList<>();

    @Test
    @EnabledIfSystemProperty(named = "hestyle.openfhe.benchmark", matches = "leveled|all")
    void leveledClientAidedSet() throws Exception {
        try (OpenFheEngine engine = new OpenFheEngine()) {
            CkksParameters params = engine.parameters(new ParameterRequest(Security.BITS_128, SLOTS, 2, false));
            report("parameters: N=2^%d, %d slots, %d levels, scale 2^%d, %s secret, %d-bit security (OpenFHE-certified)",
                    params.logRingDimension(), params.slots(), params.freshLevels(), params.scaleBits(), params.secretDistribution(),
                    params.securityBits());
            long t = System.nanoTime();
            engine.context(params);
            report("context: %.0f ms, log Q = %d", ms(t), engine.context(params).modulusBits());
            Set<Integer> rotations = rotations(64);
            t = System.nanoTime();
            try (KeyPair keys = engine.generateKeys(params, new KeyRequest(rotations, true, false), ProgressListener.NONE)) {
                double keygen = ms(t);
                report("key generation: %.0f ms for relinearisation + %d rotation keys (%.1f ms per key)", keygen, rotations.size(),
                        keygen / (rotations.size() + 1));
                long keyBytes = keys.evaluationKeys().byteSize();
                report("evaluation keys: %.1f MiB in all, %.2f MiB per key", mib(keyBytes), mib(keyBytes) / (rotations.size() + 2));
                measureOperations(engine, params, keys, rotations, 20);
            }
            report("peak RSS %.0f MiB", peakRssMiB());
        }
        write("leveled");
    }

    @Test
    @EnabledIfSystemProperty(named = "hestyle.openfhe.benchmark", matches = "bootstrap|all")
    void bootstrappingSet() throws Exception {
        try (OpenFheEngine engine = new OpenFheEngine()) {
            CkksParameters params = engine.parameters(new ParameterRequest(Security.BITS_128, SLOTS, 10, true));
            report("parameters: N=2^%d, %d slots, %d fresh levels (+1 reserved), %d after bootstrap, scale 2^%d, %s secret, "
                    + "%d-bit security (OpenFHE-certified), %s", params.logRingDimension(), params.slots(), params.freshLevels(),
                    params.levelsAfterBootstrap(), params.scaleBits(), params.secretDistribution(), params.securityBits(), params.extra());
            long t = System.nanoTime();
            engine.context(params);
            report("context with bootstrapping precomputation: %.1f s, log Q = %d, RSS %.0f MiB", ms(t) / 1000,
                    engine.context(params).modulusBits(), rssMiB());
            Set<Integer> rotations = rotations(8);
            t = System.nanoTime();
            try (KeyPair keys = engine.generateKeys(params, new KeyRequest(rotations, true, true), ProgressListener.NONE)) {
                OpenFheEvalKeys material = (OpenFheEvalKeys) keys.evaluationKeys();
                int automorphisms = material.nativeKeys().automorphismIndices().length;
                report("key generation: %.1f s (relinearisation, %d rotation keys, bootstrapping keys: %d automorphism keys in all), RSS %.0f MiB",
                        ms(t) / 1000, rotations.size(), automorphisms, rssMiB());
                t = System.nanoTime();
                long keyBytes = material.byteSize();
                report("evaluation keys: %.2f GiB serialized (%.1f MiB per key), sized in %.1f s", keyBytes / Math.pow(2, 30),
                        mib(keyBytes) / (automorphisms + 2), ms(t) / 1000);
                measureOperations(engine, params, keys, rotations, 3);
                measureBootstrap(engine, params, keys);
            }
            report("peak RSS %.0f MiB", peakRssMiB());
        }
        write(SLOTS == 8192 ? "bootstrap" : "bootstrap-" + SLOTS);
    }

    private void measureOperations(OpenFheEngine engine, CkksParameters params, KeyPair keys, Set<Integer> rotations, int repeats)
            throws IOException {
        double[] x = random(SLOTS, 1, 0.9);
        double[] w = random(SLOTS, 2, 0.9);
        try (Encryptor encryptor = engine.encryptor(params, keys); Evaluator evaluator = engine.evaluator(params, keys.evaluationKeys())) {
            Ct fresh = encryptor.encrypt(x);
            report("encrypt %.1f ms, decrypt (fresh) %.1f ms, ciphertext %.2f MiB",
                    time(repeats, () -> encryptor.encrypt(x)), timeValue(repeats, () -> encryptor.decrypt(fresh)), mib(bytes(fresh)));
            List<Integer> levels = new ArrayList<>(List.of(fresh.level()));
            for (int level : new int[] {12, 7, 3, 1}) {
                if (level < fresh.level()) {
                    levels.add(level);
                }
            }
            for (int level : levels) {
                Ct a = fresh;
                double[] expected = x.clone();
                while (a.level() > level) {
                    a = evaluator.mulConst(a, 1.0);
                }
                Ct at = a;
                Ct b = evaluator.add(at, at);
                int[] hoisted = rotations.stream().limit(8).mapToInt(Integer::intValue).toArray();
                double rotate = time(repeats, () -> evaluator.rotate(at, 1));
                double hoist = timeValue(repeats, () -> {
                    for (Ct c : evaluator.rotateHoisted(at, hoisted)) {
                        c.close();
                    }
                    return null;
                }) / hoisted.length;
                double ptMult = time(repeats, () -> evaluator.mulPlain(at, w));
                double ctMult = time(repeats, () -> evaluator.mul(at, b));
                double add = time(repeats, () -> evaluator.add(at, b));
                double decrypt = timeValue(Math.min(repeats, 3), () -> encryptor.decrypt(at));
                report("level %2d: rotate %.1f ms, hoisted %.1f ms per rotation (of 8), plaintext multiply %.1f ms, "
                        + "multiply+relinearise %.1f ms, add %.2f ms, decrypt %.1f ms, ciphertext %.2f MiB",
                        level, rotate, hoist, ptMult, ctMult, add, decrypt, mib(bytes(at)));
                try (Ct r = evaluator.rotate(at, 1)) {
                    double[] out = encryptor.decrypt(r);
                    for (int i = 0; i < SLOTS; i++) {
                        expected[i] = x[(i + 1) % SLOTS];
                    }
                    assertTrue(maxError(expected, out) < 1e-4, "rotation at level " + level);
                }
                b.close();
            }
        }
    }

    private void measureBootstrap(OpenFheEngine engine, CkksParameters params, KeyPair keys) throws Exception {
        double[] x = random(SLOTS, 3, 0.95);
        try (Encryptor encryptor = engine.encryptor(params, keys); Evaluator evaluator = engine.evaluator(params, keys.evaluationKeys())) {
            Ct low = encryptor.encrypt(x);
            while (low.level() > 0) {
                low = evaluator.mulConst(low, 1.0);
            }
            Ct input = low;
            for (int run = 1; run <= 2; run++) {
                long t = System.nanoTime();
                try (Ct out = evaluator.bootstrap(input)) {
                    double seconds = ms(t) / 1000;
                    double error = maxError(x, encryptor.decrypt(out));
                    report("bootstrap %d (%d slots, one thread): %.1f s, max error 2^%.1f, %d levels left (OpenFHE counts %d), RSS %.0f MiB",
                            run, SLOTS, seconds, Math.log(error) / Math.log(2), out.level(), out.level() + OpenFheParameters.reservedLevels(params),
                            rssMiB());
                    assertEquals(params.levelsAfterBootstrap(), out.level());
                    assertTrue(error < Math.pow(2, -8));
                    Ct used = out;
                    int multiplications = 0;
                    while (used.level() > 0) {
                        Ct next = evaluator.mulConst(used, 1.0);
                        if (used != out) {
                            used.close();
                        }
                        used = next;
                        multiplications++;
                    }
                    report("  then %d multiplications to level 0: max error 2^%.1f", multiplications,
                            Math.log(maxError(x, encryptor.decrypt(used))) / Math.log(2));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                long t = System.nanoTime();
                List<Future<double[]>> both = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    both.add(pool.submit(() -> {
                        try (Ct out = evaluator.bootstrap(input)) {
                            return encryptor.decrypt(out);
                        }
                    }));
                }
                for (Future<double[]> f : both) {
                    assertTrue(maxError(x, f.get()) < Math.pow(2, -8));
                }
                report("two bootstraps on two threads: %.1f s wall", ms(t) / 1000);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Set<Integer> rotations(int count) {
        Set<Integer> steps = new TreeSet<>();
        for (int i = 1; steps.size() < count; i++) {
            steps.add(i);
            if (steps.size() < count) {
                steps.add(SLOTS - 32 * i);
            }
        }
        return steps;
    }

    private static double time(int repeats, Supplier<Ct> op) {
        op.get().close();
        long t = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            op.get().close();
        }
        return ms(t) / repeats;
    }

    private static double timeValue(int repeats, Supplier<?> op) {
        op.get();
        long t = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            op.get();
        }
        return ms(t) / repeats;
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static long bytes(Ct ct) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            ct.write(data);
        }
        return out.size();
    }

    private static double rssMiB() {
        return ResidentMemory.kibibytes() / 1024.0;
    }

    private static double peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        log.info(line);
    }

    private void write(String name) throws IOException {
        Files.write(Path.of("target", "openfhe-benchmark-" + name + ".txt"), lines);
    }
}
