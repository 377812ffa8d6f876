package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.client.KeyUploader;
import dev.hestyle.cli.client.RemoteEvaluation;
import dev.hestyle.cli.client.ServerApi;
import dev.hestyle.cli.client.ServerKey;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import dev.hestyle.tensor.Tensor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A server on a free loopback port with its own compiled model, for tests of the protocol. */
final class InProcessServer implements AutoCloseable {
    final StyleTransfer model;
    final StyleServer server;
    final URI base;

    InProcessServer(Mode mode, int workers, int queue, long maxBodyBytes, int maxChunkBytes) throws Exception {
        this(mode, new TestConfig().workers(workers, queue).bodies(maxBodyBytes, maxChunkBytes).build());
    }

    InProcessServer(Mode mode, ServerConfig config) throws Exception {
        this.model = compile(mode);
        try {
            this.server = StyleServer.start(model.compiled(), config);
        } catch (Exception e) {
            model.close();
            throw e;
        }
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    /** Uploads {@code c}'s evaluation keys; returns the server's id and this uploader's token. */
    /** Closes every non-null resource in order (tests' {@code @AfterAll}); the first failure is rethrown unchecked. */
    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static ServerKey upload(ServerApi api, Client c) {
        return new KeyUploader(api).ensure(null, c.evaluationKeys().byteSize(), c.evaluationKeys()::writeTo, ProgressListener.NONE);
    }

    /** A whole remote evaluation of {@code in} with {@code c}'s key set (uploaded first), decrypted. */
    Tensor remote(StyleTransfer clientSide, Client c, Tensor in) {
        ServerApi api = new ServerApi(base);
        ServerKey key = upload(api, c);
        try (Ciphertext sent = c.encrypt(in); Ciphertext out = new RemoteEvaluation(api, clientSide.compiled()).run(c, key, sent,
                ProgressListener.NONE).output()) {
            return c.decrypt(out);
        }
    }

    /** The simulated backend with fast parameters, as the client side compiles it too. */
    static StyleTransfer compile(Mode mode) {
        return StyleTransfer.create(MosaicModel.load(checkpoint()), "simulated",
                CompileOptions.defaults().withMode(mode).withSecurity(Security.INSECURE_TEST_ONLY));
    }

    static Path shared() {
        String prop = System.getProperty("hestyle.shared");
        for (Path p : new Path[] {prop == null ? null : Path.of(prop), Path.of("../shared"), Path.of("../../shared")}) {
            if (p != null && Files.isDirectory(p.resolve("reference"))) {
                return p;
            }
        }
        return fail("shared data not found: set -Dhestyle.shared (tried " + prop + ", ../shared, ../../shared)");
    }

    static Path checkpoint() {
        return shared().resolve("seed/checkpoints/Mosaic-last_checkpoint.pth");
    }

    /** Polls until session {@code id} is in {@code state}; fails after {@code timeout}. */
    static Map<String, Object> awaitState(ServerApi api, String id, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> status = api.status(id, 0);
        while (!state.equals(status.get("state"))) {
            if (System.nanoTime() > deadline) {
                fail("session " + id + " did not reach state " + state + " within " + timeout + ": " + status);
            }
            Thread.sleep(50);
            status = api.status(id, 0);
        }
        return status;
    }

    /**
     * What the one-process path decrypts for {@code in} with a fresh key set. The simulated backend is
     * deterministic for a client fresh from its key: compare with a remote run of a client just as fresh.
     */
    static Tensor oneProcess(StyleTransfer st, Tensor in) {
        try (Client c = st.compiled().newClient(); Ciphertext ct = c.encrypt(in); var server = st.compiled().newServer(c.evaluationKeys());
             Ciphertext out = server.run(ct, c, ProgressListener.NONE).output()) {
            return c.decrypt(out);
        }
    }

    /** The image the protocol tests send, preprocessed. */
    static Tensor input(StyleTransfer st) {
        return st.model().preprocess(ImageFiles.read(shared().resolve("reference/632.input.png")));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            model.close();
        }
    }
}
