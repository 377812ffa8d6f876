package dev.hestyle.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hestyle.backend.openfhe.jni.OpenFheInstallation;
import dev.hestyle.conformance.ReferenceData;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.image.ImageMetrics;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.tensor.Tensor;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import dev.hestyle.wire.Sections;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One 64x64 image, non-interactive, on OpenFHE at the insecure test parameters (ReLU depth 3), spread over {@code local[2]}:
 * the result is the local executor's ciphertext, byte for byte. The job's inputs (the key folder, every task's
 * ciphertexts, the setup every task carries) hold evaluation keys and ciphertexts only: no window of the secret key's
 * bytes occurs in them.
 */
class SparkOpenFheJobTest {
    private static final String IMAGE = "chelsea-64x64";
    /**
     * What is tested is that the cluster computes the local executor's ciphertext; shallower ReLUs make both runs
     * cheaper (fewer bootstraps and products) and change nothing in what is distributed.
     */
    private static final int RELU_DEPTH = 3;
    /** Depth-3 ReLUs give this image about 29 dB (simulator); a wrong result is noise, far below. */
    private static final double MIN_PSNR = 24;
    /** Windows of the secret key searched for; long enough that a chance match is impossible. */
    private static final int WINDOW = 32;
    private static final int WINDOWS = 16;
    private static final Queue<String> PROBLEMS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger INPUTS = new AtomicInteger();
    /** The windows the hook looks for: static, so that they are not part of the task closures the test inspects. */
    private static volatile List<byte[]> secret = List.of();

    @Test
    void aSixtyFourPixelImageOnOpenFheDecryptsToTheLocalExecutorsResult(@TempDir Path dir) throws Exception {
        // without the native library: skipped with the reason, unless CI requires OpenFHE (then it fails below)
        Optional<String> problem = OpenFheInstallation.current().problem();
        assumeTrue(problem.isEmpty() || Boolean.getBoolean("hestyle.openfhe.required"),
                () -> "SKIPPED: OpenFHE native library unavailable: " + problem.orElse(""));
        PROBLEMS.clear();
        INPUTS.set(0);
        JavaSparkContext sc = JobFixture.spark("local[2]");
        try (JobFixture f = new JobFixture("openfhe", RELU_DEPTH, 64, 64, true, dir)) {
            List<byte[]> windows = secretWindows(f);
            secret = windows;
            // the search finds the windows where they are: in the client's own secret key file
            Path secretFile = dir.resolve("secret.key");
            try (var o = Files.newOutputStream(secretFile)) {
                f.client.writeSecretKey(o);
            }
            assertTrue(fileContainsAny(secretFile, windows), "the search does not find the secret key in its own file");
            Files.delete(secretFile);
            byte[] localBytes;
            byte[] distributedBytes;
            try (Ciphertext in = f.encrypt(ReferenceData.largeInput(IMAGE))) {
                localBytes = f.local(in);
                try (Ciphertext out = new DistributedGraphJob(new JobContext(sc, f.driver, checking())).run(in, null)) {
                    distributedBytes = out.toBytes();
                }
            }
            // OpenFHE's operations are deterministic, so the result is the same ciphertext; its decryptions would not
            // compare equal, because OpenFHE's CKKS decoding adds fresh noise to every decryption
            assertArrayEquals(localBytes, distributedBytes, "the distributed run computes the local executor's ciphertext");
            Tensor distributed = f.decrypt(distributedBytes);
            double psnr = ImageMetrics.psnr(ImageFiles.read(ReferenceData.largeOutput(IMAGE)),
                    f.clientModel.model().postprocess(distributed));
            assertTrue(psnr >= MIN_PSNR, "the distributed result is the stylised image: " + psnr + " dB");
            assertTrue(INPUTS.get() > f.driver.phases().size(), "tasks received ciphertexts: " + INPUTS.get());
            assertTrue(PROBLEMS.isEmpty(), "task inputs: " + PROBLEMS);
            JobFixture.assertOnlyEvaluationKeys(f.keyFolder);
            assertFalse(fileContainsAny(f.evalKeys, windows), "the key folder holds bytes of the secret key");
            byte[] setup = serialized(f.driver.setup());
            assertFalse(containsAny(setup, setup.length, windows), "the setup every task carries holds bytes of the secret key");
        } finally {
            sc.stop();
        }
    }

    /**
     * A hook that checks every task input where it arrives (keeping them all would not fit in the test's heap): a
     * ciphertext, with no window of the secret key in it.
     */
    private static TaskHook checking() {
        return (task, inputs) -> inputs.forEach((id, bytes) -> {
            INPUTS.incrementAndGet();
            try {
                if (JobFixture.kind(bytes) != ArtifactKind.CIPHERTEXT) {
                    PROBLEMS.add(task + ": value " + id + " is not a ciphertext");
                }
            } catch (java.io.IOException e) {
                PROBLEMS.add(task + ": value " + id + " is unreadable: " + e);
            }
            if (containsAny(bytes, bytes.length, secret)) {
                PROBLEMS.add(task + ": value " + id + " holds bytes of the secret key");
            }
        });
    }

    /** Windows spread over the second half of the secret key section (the key itself, past its metadata). */
    private static List<byte[]> secretWindows(JobFixture f) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        f.client.writeSecretKey(b);
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(b.toByteArray()));
        Header.read(d);
        Sections.read(d, 1 << 20);
        byte[] secret = Sections.read(d, Integer.MAX_VALUE - 8);
        assertTrue(secret.length > 4 * WINDOW * WINDOWS, "the secret key section has " + secret.length + " bytes");
        List<byte[]> windows = new ArrayList<>();
        int from = secret.length / 2;
        int stride = (secret.length - from - WINDOW) / WINDOWS;
        for (int k = 0; k < WINDOWS; k++) {
            int at = from + k * stride;
            windows.add(Arrays.copyOfRange(secret, at, at + WINDOW));
        }
        return windows;
    }

    /** Whether any window occurs in {@code file}, read in chunks (key files exceed the largest Java array). */
    private static boolean fileContainsAny(Path file, List<byte[]> windows) throws java.io.IOException {
        byte[] buf = new byte[(64 << 20) + WINDOW];
        try (var in = Files.newInputStream(file)) {
            int kept = 0;
            while (true) {
                int n = in.readNBytes(buf, kept, buf.length - kept);
                if (n == 0) {
                    return false;
                }
                int length = kept + n;
                if (containsAny(buf, length, windows)) {
                    return true;
                }
                // keep the tail so that a window across two chunks is still found
                int tail = Math.min(WINDOW - 1, length);
                System.arraycopy(buf, length - tail, buf, 0, tail);
                kept = tail;
            }
        }
    }

    private static byte[] serialized(Object o) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    /**
     * Whether any window occurs in the first {@code length} bytes of {@code data}, in one pass: a position is compared
     * only where some window starts with its byte (the key file is gigabytes, and a pass per window took half a minute).
     */
    private static boolean containsAny(byte[] data, int length, List<byte[]> windows) {
        List<List<byte[]>> byFirst = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            byFirst.add(new ArrayList<>());
        }
        for (byte[] w : windows) {
            byFirst.get(w[0] & 0xff).add(w);
        }
        for (int i = 0; i + WINDOW <= length; i++) {
            List<byte[]> candidates = byFirst.get(data[i] & 0xff);
            for (int c = 0; c < candidates.size(); c++) {
                if (Arrays.equals(data, i, i + WINDOW, candidates.get(c), 0, WINDOW)) {
                    return true;
                }
            }
        }
        return false;
    }
}
