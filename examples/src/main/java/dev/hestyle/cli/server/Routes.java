package dev.hestyle.cli.server;

import com.sun.net.httpserver.HttpExchange;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.EvaluationKeys;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol's endpoints, one method each. Every method either responds or throws; {@link StyleServer}
 * turns exceptions into error bodies.
 *
 * <pre>
 * GET  /v1/health
 * POST /v1/keys                           start a key upload        -> {"upload": ID, "maxChunkBytes": N}
 * PUT  /v1/keys/{upload}/chunks/{n}       chunk n (0, 1, ...) raw bytes
 * POST /v1/keys/{upload}/complete         parse and cache           -> {"key": KEY_ID, "bytes": N}
 * GET  /v1/keys/{key}                     is this key set cached?   -> 200 or 404 UNKNOWN_KEY
 * POST /v1/sessions?key=KEY_ID            body: input ciphertext    -> 202 {"session": ID, "state": ...}
 * GET  /v1/sessions/{id}[?wait=SECONDS]   status (long-polls while nothing changes)
 * GET  /v1/sessions/{id}/request          the activation to answer (state needs-client)
 * POST /v1/sessions/{id}/assist[?round=N] body: the client's answer ciphertext
 * GET  /v1/sessions/{id}/result           the encrypted result (state done)
 * </pre>
 */
final class Routes {
    /** The longest a status request may wait for a change. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final CompiledModel model;
    private final ServerConfig config;
    private final KeyCache keys;
    private final KeyUploads uploads;
    private final Sessions sessions;
    private final ArtifactReader reader;

    Routes(CompiledModel model, ServerConfig config, KeyCache keys, KeyUploads uploads, Sessions sessions) {
        this.model = model;
        this.config = config;
        this.keys = keys;
        this.uploads = uploads;
        this.sessions = sessions;
        this.reader = new ArtifactReader(model);
    }

    void health(HttpExchange ex) throws IOException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "ok");
        h.put("backend", model.plan().backend());
        h.put("mode", model.plan().mode().label());
        h.put("workers", config.workers());
        h.put("activeEvaluations", sessions.active());
        h.put("queuedEvaluations", sessions.queued());
        h.put("sessions", sessions.size());
        h.put("cachedKeySets", keys.size());
        h.put("maxBodyBytes", config.maxBodyBytes());
        h.put("maxChunkBytes", config.maxChunkBytes());
        HttpIo.json(ex, 200, h);
    }

    void startUpload(HttpExchange ex) throws IOException {
        HttpIo.body(ex, 0);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("upload", uploads.start());
        r.put("maxChunkBytes", config.maxChunkBytes());
        HttpIo.json(ex, 201, r);
    }

    void putChunk(HttpExchange ex, String upload, String index) throws IOException {
        int n = parseIndex(index);
        byte[] chunk = HttpIo.body(ex, config.maxChunkBytes());
        uploads.append(upload, n, chunk);
        HttpIo.json(ex, 200, Map.of("upload", upload, "chunk", n, "bytes", chunk.length));
    }

    void completeUpload(HttpExchange ex, String upload) throws IOException {
        HttpIo.body(ex, 0);
        KeyUploads.Upload u = uploads.finish(upload);
        try {
            long bytes = Files.size(u.file);
            EvaluationKeys k;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(u.file), 1 << 16)) {
                k = model.readEvaluationKeys(in);
            }
            keys.put(k, bytes);
            HttpIo.json(ex, 200, Map.of("key", k.keyId(), "bytes", bytes));
        } finally {
            KeyUploads.delete(u.file);
        }
    }

    void hasKey(HttpExchange ex, String keyId) throws IOException {
        if (keys.get(keyId) == null) {
            throw unknownKey(keyId);
        }
        HttpIo.json(ex, 200, Map.of("key", keyId));
    }

    void startSession(HttpExchange ex, String keyId) throws IOException {
        if (keyId == null || keyId.isEmpty()) {
            throw new ApiException(ErrorReason.BAD_REQUEST, "missing query parameter key=KEY_ID");
        }
        byte[] body = HttpIo.body(ex, config.maxBodyBytes());
        EvaluationKeys k = keys.get(keyId);
        if (k == null) {
            throw unknownKey(keyId);
        }
        Ciphertext input = reader.ciphertext(body, keyId);
        Session s = sessions.start(k, input);
        HttpIo.json(ex, 202, s.status());
    }

    void status(HttpExchange ex, String id, String wait) throws IOException {
        Session s = sessions.get(id);
        HttpIo.body(ex, 0);
        Duration timeout = wait == null ? Duration.ZERO : Duration.ofSeconds(Math.min(MAX_WAIT.toSeconds(), Math.max(0, parseIndex(wait))));
        if (!timeout.isZero()) {
            try {
                // a change the client has not seen: anything but queued/running is worth reporting at once
                SessionState st = s.state();
                if (st == SessionState.QUEUED || st == SessionState.RUNNING) {
                    s.awaitChange(s.version(), timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        HttpIo.json(ex, 200, s.status());
    }

    void request(HttpExchange ex, String id) throws IOException {
        Session s = sessions.get(id);
        HttpIo.body(ex, 0);
        HttpIo.bytes(ex, s.request());
    }

    void assist(HttpExchange ex, String id, String round) throws IOException {
        Session s = sessions.get(id);
        byte[] body = HttpIo.body(ex, config.maxBodyBytes());
        Ciphertext answer = reader.ciphertext(body, s.keyId);
        s.answer(round == null ? 0 : parseIndex(round), answer);
        HttpIo.json(ex, 202, Map.of("session", id, "accepted", true));
    }

    void result(HttpExchange ex, String id) throws IOException {
        Session s = sessions.get(id);
        HttpIo.body(ex, 0);
        HttpIo.bytes(ex, s.result());
    }

    private static ApiException unknownKey(String keyId) {
        return new ApiException(ErrorReason.UNKNOWN_KEY, "no evaluation keys with id " + keyId
                + " on this server (never uploaded, or evicted from the cache): upload them first");
    }

    private static int parseIndex(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorReason.BAD_REQUEST, "'" + s + "' is not a non-negative whole number");
        }
    }
}
