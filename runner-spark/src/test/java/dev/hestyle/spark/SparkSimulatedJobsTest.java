package dev.hestyle.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.HestyleException;
import dev.hestyle.conformance.ReferenceData;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.image.ImageMetrics;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Mode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both Spark jobs on the simulated backend in local mode with two cores and retries ({@code local[2,2]}): the
 * simulator's noise is a deterministic function of each operation's inputs, so a distributed run must give
 * the local executor's ciphertext byte for byte, even when a task fails once and Spark runs it again.
 */
class SparkSimulatedJobsTest {
    private static final String LARGE_IMAGE = "chelsea-64x64";
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = JobFixture.spark("local[2,2]");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    @Test
    void aLargeImageSpreadOverTheClusterGivesTheLocalExecutorsCiphertextEvenWithARetriedTask(@TempDir Path dir) throws Exception {
        JobFixture.TASK_INPUTS.clear();
        // the insecure rows hold 8192 slots a ciphertext, so a 64x64 tensor spans several (a 128-bit plan that
        // bootstraps fills 32768 slots, one ciphertext per tensor at this size)
        try (JobFixture f = new JobFixture("simulated", 64, 64, true, dir)) {
            List<Phase> phases = f.driver.phases();
            Phase widest = phases.stream().max((a, b) -> Integer.compare(a.tasks().size(), b.tasks().size())).orElseThrow();
            assertTrue(widest.tasks().size() >= 4, "a layer's work is several independent tasks: " + widest.tasks().size());
            String failing = widest.tasks().get(1).toString();
            AtomicLong lastDone = new AtomicLong();
            byte[] expected;
            byte[] distributed;
            try (Ciphertext in = f.encrypt(ReferenceData.largeInput(LARGE_IMAGE))) {
                expected = f.local(in);
                DistributedGraphJob job = new DistributedGraphJob(new JobContext(sc, f.driver, JobFixture.recordingAndFailingFirstAttempt(failing)));
                try (Ciphertext out = job.run(in, (phase, done, total) -> lastDone.set(done))) {
                    distributed = out.toBytes();
                }
            }
            assertArrayEquals(expected, distributed, "the distributed run's output ciphertext is the local executor's");
            assertEquals(f.driver.level().graph().ops().size(), lastDone.get(),
                    "progress reaches every operation");
            double psnr = ImageMetrics.psnr(ImageFiles.read(ReferenceData.largeOutput(LARGE_IMAGE)),
                    f.clientModel.model().postprocess(f.decrypt(distributed)));
            assertTrue(psnr > 30, "the result is the stylised image: " + psnr + " dB");
            JobFixture.assertOnlyEvaluationKeys(f.keyFolder);
            JobFixture.assertTaskInputsAreCiphertexts();
            assertTrue(JobFixture.TASK_INPUTS.size() > phases.size(), "tasks received ciphertexts: " + JobFixture.TASK_INPUTS.size());
        }
    }

    @Test
    void aBatchOfTheEightReferenceImagesOneImagePerTaskGivesTheLocalExecutorsCiphertexts(@TempDir Path dir) throws Exception {
        JobFixture.TASK_INPUTS.clear();
        try (JobFixture f = new JobFixture("simulated", 32, 32, false, dir)) {
            Path in = Files.createDirectories(dir.resolve("in"));
            Path out = dir.resolve("out");
            List<byte[]> expected = new ArrayList<>();
            for (String id : ReferenceData.IMAGE_IDS) {
                try (Ciphertext ct = f.encrypt(ReferenceData.input(id)); OutputStream o = Files.newOutputStream(in.resolve(id + BatchJob.SUFFIX))) {
                    o.write(ct.toBytes());
                    expected.add(f.local(ct));
                }
            }
            String failing = "image " + ReferenceData.IMAGE_IDS.get(3);
            List<String> done = new BatchJob(new JobContext(sc, f.driver, JobFixture.recordingAndFailingFirstAttempt(failing)))
                    .runFolder(in.toString(), out.toString(), null);
            assertEquals(ReferenceData.IMAGE_IDS.stream().sorted().toList(), done);
            for (int k = 0; k < expected.size(); k++) {
                String id = ReferenceData.IMAGE_IDS.get(k);
                assertArrayEquals(expected.get(k), Files.readAllBytes(out.resolve(id + BatchJob.SUFFIX)), "image " + id);
            }
            assertEquals(ReferenceData.IMAGE_IDS.size() + 1, JobFixture.TASK_INPUTS.size(), "one task per image, one of them retried");
            JobFixture.assertOnlyEvaluationKeys(f.keyFolder);
            JobFixture.assertTaskInputsAreCiphertexts();
        }
    }

    @Test
    void anExecutorWhosePlanHashDiffersFromTheDriversRefusesTheJob(@TempDir Path dir) throws Exception {
        try (JobFixture f = new JobFixture("simulated", 32, 32, false, dir)) {
            ExecutorSetup s = f.driver.setup();
            ExecutorSetup other = new ExecutorSetup(s.model(), s.evalKeysPath(), s.keyId(), "0123456789abcdef01234567");
            PlanMismatchException e = assertThrows(PlanMismatchException.class, () -> ExecutorResources.get(other));
            assertTrue(e.getMessage().contains(s.parameterHash()) && e.getMessage().contains("0123456789abcdef01234567"), e.getMessage());
        }
    }

    @Test
    void clientAidedPlansAreRefusedBecauseTheyNeedTheSecretKeyAtEveryActivation(@TempDir Path dir) throws Exception {
        try (JobFixture f = new JobFixture("simulated", 32, 32, false, dir)) {
            ModelSpec clientAided = new ModelSpec("simulated", Mode.CLIENT_AIDED, 5, 32, 32, f.spec.checkpoint(), false);
            HestyleException e = assertThrows(HestyleException.class, () -> DriverModel.open(clientAided, f.evalKeys.toString()).close());
            assertTrue(e.getMessage().contains("non-interactive"), e.getMessage());
        }
    }
}
