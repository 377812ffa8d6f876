package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Security;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A server on a free loopback port with its own compiled model, for tests of the protocol. */
final class InProcessServer implements AutoCloseable {
    final StyleTransfer model;
    final StyleServer server;
    final URI base;

    InProcessServer(Mode mode, int workers, int queue, long maxBodyBytes, int maxChunkBytes) throws Exception {
        this.model = compile(mode);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, workers, queue, 1L << 30, maxBodyBytes, maxChunkBytes,
                Duration.ofMinutes(2), Duration.ofSeconds(5));
        this.server = StyleServer.start(model.compiled(), config);
        this.base = URI.create("http://127.0.0.1:" + server.port());
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

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            model.close();
        }
    }
}
