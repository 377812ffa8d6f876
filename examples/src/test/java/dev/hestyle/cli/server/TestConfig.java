package dev.hestyle.cli.server;

import java.time.Duration;

/**
 * A {@link ServerConfig} for tests: loopback, any free port, small limits and generous timeouts, each
 * changed by name where a test needs another value.
 */
final class TestConfig {
    private int workers = 2;
    private int queue = 4;
    private long keyCacheBytes = 1L << 30;
    private long maxBodyBytes = 1 << 20;
    private int maxChunkBytes = 1 << 20;
    private int maxUploads = 8;
    private long maxUploadBytes = 1L << 30;
    private Duration clientRoundTimeout = Duration.ofSeconds(60);
    private Duration readTimeout = Duration.ofSeconds(20);

    TestConfig workers(int workers, int queue) {
        this.workers = workers;
        this.queue = queue;
        return this;
    }

    TestConfig keyCacheBytes(long bytes) {
        this.keyCacheBytes = bytes;
        return this;
    }

    TestConfig bodies(long maxBodyBytes, int maxChunkBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxChunkBytes = maxChunkBytes;
        return this;
    }

    TestConfig uploads(int maxUploads, long maxUploadBytes) {
        this.maxUploads = maxUploads;
        this.maxUploadBytes = maxUploadBytes;
        return this;
    }

    TestConfig clientRoundTimeout(Duration d) {
        this.clientRoundTimeout = d;
        return this;
    }

    TestConfig readTimeout(Duration d) {
        this.readTimeout = d;
        return this;
    }

    ServerConfig build() {
        return new ServerConfig("127.0.0.1", 0, workers, queue, keyCacheBytes, maxBodyBytes, maxChunkBytes, maxUploads, maxUploadBytes,
                Duration.ofMinutes(2), clientRoundTimeout, readTimeout, Duration.ofSeconds(5));
    }
}
