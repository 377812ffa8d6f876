package dev.hestyle.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.conformance.ReferenceData;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Server;
import dev.hestyle.tensor.Tensor;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One key set of one model for a test: the driver's model, a client that holds the secret key (the test plays
 * the client), the evaluation keys in a key folder as executors read them, and the local executor's result to
 * compare with.
 */
final class JobFixture implements AutoCloseable {
    /** Everything tasks of the running test received (in local mode they run in this JVM). */
    static final Queue<byte[]> TASK_INPUTS = new ConcurrentLinkedQueue<>();

    final ModelSpec spec;
    final Path keyFolder;
    final Path evalKeys;
    /** The client's own compiled model: it made the keys and encrypts; the local executor's reference runs on it. */
    final StyleTransfer clientModel;
    final Client client;
    final DriverModel driver;

    JobFixture(String backend, int height, int width, boolean insecure, Path folder) throws IOException {
        this(backend, 5, height, width, insecure, folder);
    }

    /** A fixture whose plan requests ReLU polynomials of depth {@code reluDepth}. */
    JobFixture(String backend, int reluDepth, int height, int width, boolean insecure, Path folder) throws IOException {
        spec = new ModelSpec(backend, Mode.NON_INTERACTIVE, reluDepth, height, width, ReferenceData.checkpoint().toString(), insecure);
        keyFolder = Files.createDirectories(folder.resolve("keys"));
        evalKeys = keyFolder.resolve("eval.keys");
        clientModel = spec.compile();
        client = clientModel.compiled().newClient();
        try (OutputStream o = Files.newOutputStream(evalKeys)) {
            client.evaluationKeys().writeTo(o);
        }
        driver = DriverModel.open(spec, evalKeys.toString());
    }

    static JavaSparkContext spark(String master) {
        return new JavaSparkContext(SparkSettings.apply(new SparkConf().setMaster(master).setAppName("hestyle-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")));
    }

    /** The image encrypted by the client, as the driver reads it from the client's bytes. */
    Ciphertext encrypt(Path image) {
        try (Ciphertext c = client.encrypt(clientModel.model().preprocess(ImageFiles.read(image)))) {
            return driver.readCiphertext(c.toBytes());
        }
    }

    /** What the local executor makes of {@code input} on this machine, as wire-format bytes. */
    byte[] local(Ciphertext input) {
        try (Server server = clientModel.compiled().newServer(client.evaluationKeys())) {
            Evaluation e = server.run(input, ClientAssist.NONE, ProgressListener.NONE);
            try (Ciphertext out = e.output()) {
                return out.toBytes();
            }
        }
    }

    /** The client's decryption of wire-format {@code bytes}. */
    Tensor decrypt(byte[] bytes) {
        try (Ciphertext c = clientModel.compiled().readCiphertext(new ByteArrayInputStream(bytes))) {
            return client.decrypt(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hook that records every task's inputs into {@link #TASK_INPUTS}. */
    static TaskHook recording() {
        return (task, inputs) -> inputs.values().forEach(TASK_INPUTS::add);
    }

    /** A hook that records every task's inputs into {@link #TASK_INPUTS}, and fails the first attempt of {@code failing}. */
    static TaskHook recordingAndFailingFirstAttempt(String failing) {
        TaskHook record = recording();
        return (task, inputs) -> {
            record.beforeTask(task, inputs);
            if (task.equals(failing) && org.apache.spark.TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure of " + task);
            }
        };
    }

    /** The artifact kind of wire-format {@code bytes}. */
    static ArtifactKind kind(byte[] bytes) throws IOException {
        return Header.read(new DataInputStream(new ByteArrayInputStream(bytes))).kind();
    }

    static void assertOnlyEvaluationKeys(Path keyFolder) throws IOException {
        try (var files = Files.list(keyFolder)) {
            for (Path f : files.toList()) {
                try (var in = new DataInputStream(Files.newInputStream(f))) {
                    assertEquals(ArtifactKind.EVALUATION_KEYS, Header.read(in).kind(), "the key folder holds " + f.getFileName());
                }
            }
        }
    }

    static void assertTaskInputsAreCiphertexts() throws IOException {
        for (byte[] b : TASK_INPUTS) {
            assertEquals(ArtifactKind.CIPHERTEXT, kind(b), "a task received something other than a ciphertext");
        }
    }

    @Override
    public void close() {
        try (StyleTransfer m = clientModel; Client c = client; DriverModel d = driver) {
            ExecutorResources.closeAll();
        }
    }
}
