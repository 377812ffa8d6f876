package dev.hestyle.cli.server;

import java.time.Duration;

/**
 * Limits and addresses of one server.
 *
 * @param host address to bind (loopback by default: exposing the server is a deliberate choice)
 * @param port TCP port, 0 for any free one
 * @param workers evaluations that run at once
 * @param queue evaluations that may wait for a worker; beyond that a new session gets {@code BUSY}
 * @param keyCacheBytes total size of the evaluation key sets kept (least recently used unused ones are dropped)
 * @param maxBodyBytes largest request body other than a key chunk (ciphertexts)
 * @param maxChunkBytes largest key upload chunk
 * @param maxUploads key uploads in progress at once; one more gets {@code BUSY}
 * @param maxUploadBytes bytes all key uploads in progress may hold together; a chunk beyond that gets {@code BUSY}
 * @param sessionTtl how long a finished session or an unfinished upload may stay idle before it is dropped
 * @param clientRoundTimeout how long an evaluation waits for the client's answer to one activation
 *        request in client-aided mode before the session fails and frees its worker
 * @param readTimeout how long a client may take to send a request's headers; a body gets this much plus
 *        one second per {@link #MIN_BODY_RATE} bytes
 * @param shutdownGrace how long in-flight evaluations may take to finish on shutdown before they are cancelled
 */
public record ServerConfig(String host, int port, int workers, int queue, long keyCacheBytes, long maxBodyBytes, int maxChunkBytes,
                           int maxUploads, long maxUploadBytes, Duration sessionTtl, Duration clientRoundTimeout, Duration readTimeout,
                           Duration shutdownGrace) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8716;
    /** The slowest body transfer accepted, in bytes per second: a trickling client is cut off, a slow link is not. */
    public static final long MIN_BODY_RATE = 64 * 1024;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (workers < 1 || queue < 0 || maxUploads < 1) {
            throw new IllegalArgumentException("need at least one worker and one upload, and a non-negative queue");
        }
        if (keyCacheBytes < 1 || maxBodyBytes < 1 || maxChunkBytes < 1 || maxUploadBytes < 1) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        for (Duration d : new Duration[] {sessionTtl, clientRoundTimeout, readTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }

    /** The longest the body of {@code bytes} may take to arrive. */
    Duration bodyTimeout(long bytes) {
        return readTimeout.plusSeconds(Math.max(0, bytes) / MIN_BODY_RATE);
    }
}
