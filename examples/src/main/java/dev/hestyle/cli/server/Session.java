package dev.hestyle.cli.server;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One encrypted evaluation and its conversation with the client. The worker thread runs the network;
 * in client-aided mode it parks each activation here ({@link #assist}) and waits until the client posts
 * the answer ({@link #answer}) for at most the client round timeout; a client that stays silent longer
 * fails the session, which frees the worker. HTTP handlers read the state; {@link #nextChange} lets them
 * long-poll without holding a thread. All state is guarded by this object's monitor.
 */
final class Session implements ClientAssist, ProgressListener {
    final String id;
    /** The server key id of the key set the session runs with. */
    final String keyId;
    /** The key id the key set's own artifacts carry (ciphertexts of this session must carry it too). */
    final String artifactKeyId;
    private Evaluation evaluation;
    private final Duration roundTimeout;
    private final List<CompletableFuture<Void>> watchers = new ArrayList<>();
    private Runnable cleanup;

    private SessionState state = SessionState.QUEUED;
    private long version;
    private int round;
    private byte[] request;
    private Ciphertext answer;
    private boolean answerIncoming;
    private byte[] result;
    private ErrorReason errorReason;
    private String errorMessage;
    private String phase;
    private long done;
    private long total;
    private volatile long touchedNanos = System.nanoTime();
    private Future<?> future;

    Session(String id, String keyId, String artifactKeyId, Duration roundTimeout) {
        this.id = id;
        this.keyId = keyId;
        this.artifactKeyId = artifactKeyId;
        this.roundTimeout = roundTimeout;
    }

    /** What to release once the evaluation is over or will never run (run once, by {@link #cleanup()}). */
    synchronized void onCleanup(Runnable r) {
        this.cleanup = r;
    }

    /** Releases the session's worker slot, key lease and input; safe to call twice. */
    void cleanup() {
        Runnable r;
        synchronized (this) {
            r = cleanup;
            cleanup = null;
        }
        if (r != null) {
            r.run();
        }
    }

    synchronized void attach(Future<?> f) {
        this.future = f;
    }

    synchronized SessionState state() {
        return state;
    }

    void touch() {
        touchedNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - touchedNanos;
    }

    synchronized void running() {
        change(SessionState.RUNNING);
    }

    /** Worker side of a client round trip: publish the request, wait for the answer. */
    @Override
    public Ciphertext assist(Ciphertext activation) {
        byte[] bytes = activation.toBytes();
        synchronized (this) {
            request = bytes;
            answer = null;
            round++;
            change(SessionState.NEEDS_CLIENT);
            long deadline = System.nanoTime() + roundTimeout.toNanos();
            try {
                while (answer == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        String why = "the client did not answer activation request #" + round + " within " + roundTimeout.toSeconds() + " s";
                        fail(ErrorReason.TIMEOUT, why);
                        throw new EvaluationException(why);
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvaluationException("session cancelled while waiting for the client", e);
            }
            Ciphertext a = answer;
            answer = null;
            request = null;
            change(SessionState.RUNNING);
            return a;
        }
    }

    /**
     * Before the client's answer is read: the session must wait for exactly this round ({@code 0}: the
     * current one) and no other answer may be on its way. Follow with {@link #answer} or {@link #answerAbandoned}.
     */
    synchronized void admitAnswer(int forRound) {
        if (state != SessionState.NEEDS_CLIENT) {
            throw new ApiException(ErrorReason.BAD_REQUEST, 409, "session " + id + " is " + state.label() + ", not waiting for the client");
        }
        if (forRound > 0 && forRound != round) {
            throw new ApiException(ErrorReason.BAD_REQUEST, 409, "session " + id + " waits for round " + round + ", not " + forRound);
        }
        if (answerIncoming) {
            throw new ApiException(ErrorReason.BAD_REQUEST, 409, "session " + id + " is already receiving the answer to round " + round);
        }
        answerIncoming = true;
    }

    synchronized void answerAbandoned() {
        answerIncoming = false;
    }

    /** Client side of a round trip: hands the parsed answer to the waiting worker. */
    synchronized void answer(Ciphertext response) {
        answerIncoming = false;
        if (state != SessionState.NEEDS_CLIENT) {
            response.close();
            throw new ApiException(ErrorReason.BAD_REQUEST, 409, "session " + id + " is " + state.label() + ", not waiting for the client");
        }
        answer = response;
        notifyAll();
    }

    /** The activation ciphertext the client must answer. */
    synchronized byte[] request() {
        if (state != SessionState.NEEDS_CLIENT) {
            throw new ApiException(ErrorReason.BAD_REQUEST, 409, "session " + id + " is " + state.label() + ", there is no request");
        }
        return request;
    }

    synchronized byte[] result() {
        if (state == SessionState.FAILED) {
            throw new ApiException(errorReason, errorMessage);
        }
        if (state != SessionState.DONE) {
            throw new ApiException(ErrorReason.BAD_REQUEST, 409, "session " + id + " is " + state.label() + ", the result is not ready");
        }
        return result;
    }

    synchronized void succeed(Evaluation ev) {
        evaluation = ev;
        // clients fetch the serialized result; the ciphertext itself is not needed past this point
        try (Ciphertext output = ev.output()) {
            result = output.toBytes();
        }
        change(SessionState.DONE);
    }

    synchronized void fail(ErrorReason reason, String message) {
        if (state.finished()) {
            return;
        }
        errorReason = reason;
        errorMessage = message;
        request = null;
        if (answer != null) {
            answer.close(); // an answer the worker will never take
            answer = null;
        }
        change(SessionState.FAILED);
    }

    /** Stops the evaluation (interrupting a wait for the client) and marks the session failed. */
    void cancel(String why) {
        Future<?> f;
        synchronized (this) {
            f = future;
            fail(ErrorReason.EVALUATION_FAILED, why);
        }
        if (f != null) {
            f.cancel(true);
        }
    }

    @Override
    public synchronized void onProgress(String phase, long done, long total) {
        this.phase = phase;
        this.done = done;
        this.total = total;
    }

    /**
     * Completes at the first change after version {@code seenVersion} (at once if there was one already or
     * the session is over). Each caller gets a future of its own, so that its timeout affects no other.
     */
    synchronized CompletableFuture<Void> nextChange(long seenVersion) {
        if (version != seenVersion || state.finished()) {
            return CompletableFuture.completedFuture(null);
        }
        watchers.removeIf(CompletableFuture::isDone);
        CompletableFuture<Void> f = new CompletableFuture<>();
        watchers.add(f);
        return f;
    }

    synchronized long version() {
        return version;
    }

    /** The status document of {@code GET /v1/sessions/{id}}. */
    synchronized Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("session", id);
        s.put("state", state.label());
        s.put("key", keyId);
        s.put("round", round);
        if (phase != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("phase", phase);
            p.put("done", done);
            p.put("total", total);
            s.put("progress", p);
        }
        if (evaluation != null) {
            s.put("clientRoundTrips", evaluation.clientRoundTrips());
            s.put("rotations", evaluation.ops().rotations());
            s.put("ciphertextMultiplications", evaluation.ops().ctMults());
            s.put("plaintextMultiplications", evaluation.ops().ptMults());
            s.put("bootstraps", evaluation.ops().bootstraps());
            s.put("resultBytes", result.length);
        }
        if (state == SessionState.FAILED) {
            s.put("error", errorReason.name());
            s.put("message", errorMessage);
        }
        return s;
    }

    private void change(SessionState next) {
        state = next;
        version++;
        touch();
        notifyAll();
        // the waiting requests answer on their own threads (see Routes), not under this monitor
        watchers.forEach(w -> w.complete(null));
        watchers.clear();
    }
}
