package dev.hestyle.cli.server;

import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.EvaluationKeys;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The protocol's endpoints, independent of the HTTP server: {@link #route} checks a request's path,
 * headers and declared length, reserves what it needs, and says whether a body is to be read and what to
 * do with it. Every method either answers or throws {@link ApiException}.
 *
 * <pre>
 * GET  /v1/health
 * POST /v1/keys                           start a key upload        -> 201 {"upload": ID, "maxChunkBytes": N}
 * PUT  /v1/keys/{upload}/chunks/{n}       chunk n (0, 1, ...) raw bytes
 * POST /v1/keys/{upload}/complete         parse and cache           -> {"key": KEY_ID, "token": TOKEN, "bytes": N}
 * GET  /v1/keys/{key}                     may TOKEN use this set?   -> 200 or 404 UNKNOWN_KEY
 * POST /v1/sessions?key=KEY_ID            body: input ciphertext    -> 202 {"session": ID, "state": ...}
 * GET  /v1/sessions/{id}[?wait=SECONDS]   status (long-polls while queued or running)
 * GET  /v1/sessions/{id}/request          the activation to answer (state needs-client)
 * POST /v1/sessions/{id}/assist[?round=N] body: the client's answer ciphertext
 * GET  /v1/sessions/{id}/result           the encrypted result (state done)
 * </pre>
 *
 * The two key endpoints need the header {@code Authorization: Bearer TOKEN} with a token that completing
 * an upload of that key set returned; a session id is itself the capability to follow that session.
 */
final class Routes {
    /** The longest a status request may wait for a change. */
    static final int MAX_WAIT_SECONDS = 30;

    /**
     * A request as far as its headers tell.
     *
     * @param method the HTTP method
     * @param path the decoded path
     * @param query the decoded query parameters
     * @param bearer the token of an {@code Authorization: Bearer} header, or {@code null}
     * @param contentLength the declared body length, or {@code -1} if none was declared
     */
    record Call(String method, String path, Map<String, String> query, String bearer, long contentLength) {
    }

    private final CompiledModel model;
    private final ServerConfig config;
    private final KeyCache keys;
    private final KeyUploads uploads;
    private final Sessions sessions;
    private final ArtifactReader reader;
    private final Executor replies;
    private volatile boolean draining;

    /** @param replies where long polls compose their reply when the session changes */
    Routes(CompiledModel model, ServerConfig config, KeyCache keys, KeyUploads uploads, Sessions sessions, Executor replies) {
        this.model = model;
        this.config = config;
        this.keys = keys;
        this.uploads = uploads;
        this.sessions = sessions;
        this.reader = new ArtifactReader(model);
        this.replies = replies;
    }

    /** From now on, refuse new uploads and sessions. */
    void drain() {
        draining = true;
    }

    /** Decides what {@code c} needs; throws if it is refused before its body. */
    Step route(Call c) throws IOException {
        String[] p = c.path().split("/", -1);
        // p[0] is the empty string before the leading slash
        if (p.length < 3 || !p[0].isEmpty() || !p[1].equals("v1")) {
            throw notFound();
        }
        String res = p[2];
        int n = p.length;
        String m = c.method();
        if (draining && m.equals("POST") && (n == 3 || res.equals("keys") && n == 5)) {
            throw new ApiException(ErrorReason.BUSY, "the server is shutting down and accepts no new work");
        }
        if (res.equals("health") && n == 3 && m.equals("GET")) {
            return answer(c, health());
        } else if (res.equals("keys") && n == 3 && m.equals("POST")) {
            return answer(c, startUpload());
        } else if (res.equals("keys") && n == 4 && m.equals("GET")) {
            return answer(c, hasKey(p[3], c.bearer()));
        } else if (res.equals("keys") && n == 6 && p[4].equals("chunks") && m.equals("PUT")) {
            return putChunk(c, p[3], p[5]);
        } else if (res.equals("keys") && n == 5 && p[4].equals("complete") && m.equals("POST")) {
            noBody(c);
            return Step.Answer.now(completeUpload(p[3]));
        } else if (res.equals("sessions") && n == 3 && m.equals("POST")) {
            return startSession(c, c.query().get("key"));
        } else if (res.equals("sessions") && n == 4 && m.equals("GET")) {
            noBody(c);
            return status(p[3], c.query().get("wait"));
        } else if (res.equals("sessions") && n == 5 && p[4].equals("request") && m.equals("GET")) {
            return answer(c, Reply.bytes(sessions.get(p[3]).request()));
        } else if (res.equals("sessions") && n == 5 && p[4].equals("assist") && m.equals("POST")) {
            return assist(c, p[3], c.query().get("round"));
        } else if (res.equals("sessions") && n == 5 && p[4].equals("result") && m.equals("GET")) {
            return answer(c, Reply.bytes(sessions.get(p[3]).result()));
        }
        throw notFound();
    }

    private static Step answer(Call c, Reply r) {
        noBody(c);
        return Step.Answer.now(r);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorReason.BAD_REQUEST, 404, "no such endpoint (see GET /v1/health; endpoints live under /v1/keys and /v1/sessions)");
    }

    /** Endpoints without a body refuse one. */
    private static void noBody(Call c) {
        if (c.contentLength() > 0) {
            throw tooLarge(0);
        }
    }

    /** Refuses a declared length over {@code max}; returns the most the body may bring. */
    private static long bodyLimit(Call c, long max) {
        if (c.contentLength() > max) {
            throw tooLarge(max);
        }
        return c.contentLength() >= 0 ? c.contentLength() : max;
    }

    static ApiException tooLarge(long max) {
        return new ApiException(ErrorReason.BODY_TOO_LARGE, "request body exceeds the limit of " + max + " bytes");
    }

    Reply health() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "ok");
        h.put("backend", model.plan().backend());
        h.put("mode", model.plan().mode().label());
        h.put("workers", config.workers());
        h.put("activeEvaluations", sessions.active());
        h.put("queuedEvaluations", sessions.queued());
        h.put("sessions", sessions.size());
        h.put("cachedKeySets", keys.size());
        h.put("keySetsAwaitingClose", keys.awaitingClose());
        h.put("keySetsClosed", keys.closedCount());
        h.put("keyUploads", uploads.size());
        h.put("maxBodyBytes", config.maxBodyBytes());
        h.put("maxChunkBytes", config.maxChunkBytes());
        h.put("clientRoundTimeoutSeconds", config.clientRoundTimeout().toSeconds());
        return Reply.json(200, h);
    }

    private Reply startUpload() throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("upload", uploads.start());
        r.put("maxChunkBytes", config.maxChunkBytes());
        return Reply.json(201, r);
    }

    private Step putChunk(Call c, String upload, String index) {
        int n = parseIndex(index);
        uploads.require(upload);
        long reserved = bodyLimit(c, config.maxChunkBytes());
        KeyUploads.Upload u = uploads.admit(upload, n, reserved);
        return new Step.ReadBody(reserved, chunk -> {
            uploads.append(u, reserved, chunk);
            return Reply.json(200, Map.of("upload", upload, "chunk", n, "bytes", chunk.length));
        }, () -> uploads.abandon(u, reserved));
    }

    /**
     * Parses the uploaded keys and caches them under the SHA-256 of their bytes, the server key id; the
     * same bytes uploaded again map to the same id without being parsed twice. Either way the uploader
     * gets a token of its own for that id.
     */
    Reply completeUpload(String upload) throws IOException {
        KeyUploads.Upload u = uploads.finish(upload);
        try {
            long bytes = u.bytes();
            String id = u.digest();
            String token = keys.addUploader(id);
            if (token == null) {
                keys.reserve(bytes);
                EvaluationKeys k;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(u.file), 1 << 16)) {
                    k = model.readEvaluationKeys(in);
                } catch (IOException | RuntimeException e) {
                    keys.unreserve(bytes);
                    throw e;
                }
                token = keys.put(id, k, bytes);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("key", id);
            r.put("token", token);
            r.put("bytes", bytes);
            return Reply.json(200, r);
        } finally {
            uploads.release(u);
        }
    }

    private Reply hasKey(String id, String token) {
        if (!keys.allows(id, token)) {
            throw KeyCache.unknownKey(id);
        }
        return Reply.json(200, Map.of("key", id));
    }

    private Step startSession(Call c, String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            throw new ApiException(ErrorReason.BAD_REQUEST, "missing query parameter key=KEY_ID");
        }
        // who may use the key set first: a stranger learns nothing, not even the limits
        KeyCache.Lease lease = keys.lease(keyId, c.bearer());
        long max;
        Sessions.Slot slot;
        try {
            max = bodyLimit(c, config.maxBodyBytes());
            slot = sessions.reserve();
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        Runnable giveBack = () -> {
            slot.close();
            lease.close();
        };
        return new Step.ReadBody(max, body -> {
            try {
                Ciphertext input = reader.ciphertext(body, lease.keys().keyId());
                return Reply.json(202, sessions.start(slot, lease, input).status());
            } catch (IOException | RuntimeException e) {
                giveBack.run(); // nothing if the session took them over
                throw e;
            }
        }, giveBack);
    }

    private Step status(String id, String wait) {
        Session s = sessions.get(id);
        long seen = s.version();
        SessionState st = s.state();
        int seconds = wait == null ? 0 : Math.min(MAX_WAIT_SECONDS, parseIndex(wait));
        if (seconds == 0 || st != SessionState.QUEUED && st != SessionState.RUNNING) {
            return Step.Answer.now(Reply.json(200, s.status()));
        }
        // nothing waits on a thread: the reply is composed when the session changes or the wait is over
        CompletableFuture<Reply> reply = s.nextChange(seen).completeOnTimeout(null, seconds, TimeUnit.SECONDS)
                .thenApplyAsync(v -> Reply.json(200, s.status()), replies);
        return new Step.Answer(reply);
    }

    private Step assist(Call c, String id, String round) {
        Session s = sessions.get(id);
        long max = bodyLimit(c, config.maxBodyBytes());
        s.admitAnswer(round == null ? 0 : parseIndex(round));
        return new Step.ReadBody(max, body -> {
            Ciphertext answer;
            try {
                answer = reader.ciphertext(body, s.artifactKeyId);
            } catch (IOException | RuntimeException e) {
                s.answerAbandoned();
                throw e;
            }
            s.answer(answer);
            return Reply.json(202, Map.of("session", id, "accepted", true));
        }, s::answerAbandoned);
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
