package dev.hestyle.cli.server;

import java.time.Duration;

/**
 * Limits and addresses of one server.
 *
 * @param host address to bind (loopback by default: exposing the server is a deliberate choice)
 * @param port TCP port, 0 for any free one
 * @param workers evaluations that run at once
 * @param queue evaluations that may wait for a worker; beyond that a new session gets {@code BUSY}
 * @param keyCacheBytes total size of the evaluation key sets kept (least recently used ones are dropped)
 * @param maxBodyBytes largest request body other than a key chunk (ciphertexts)
 * @param maxChunkBytes largest key upload chunk
 * @param sessionTtl how long a session or upload may stay idle before it is dropped, and how long an
 *        evaluation waits for the client's answer in client-aided mode
 * @param shutdownGrace how long in-flight evaluations may take to finish on shutdown before they are cancelled
 */
public record ServerConfig(String host, int port, int workers, int queue, long keyCacheBytes, long maxBodyBytes, int maxChunkBytes,
                           Duration sessionTtl, Duration shutdownGrace) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8716;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (workers < 1 || queue < 0) {
            throw new IllegalArgumentException("need at least one worker and a non-negative queue");
        }
        if (keyCacheBytes < 1 || maxBodyBytes < 1 || maxChunkBytes < 1) {
            throw new IllegalArgumentException("size limits must be positive");
        }
    }
}
