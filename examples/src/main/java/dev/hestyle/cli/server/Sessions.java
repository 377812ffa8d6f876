package dev.hestyle.cli.server;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Server;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one server and the worker pool that evaluates them: at most {@code workers} at once,
 * up to {@code queue} more waiting, anything beyond refused with {@link ErrorReason#BUSY}.
 */
final class Sessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CompiledModel model;
    private final ServerConfig config;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor workers;

    Sessions(CompiledModel model, ServerConfig config) {
        this.model = model;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queue())), r -> {
                    Thread t = new Thread(r, "hestyle-eval-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (r, pool) -> {
                    throw new RejectedExecutionException("queue full");
                });
    }

    /** Queues the evaluation of {@code input} with {@code keys}; returns the new session. */
    Session start(EvaluationKeys keys, Ciphertext input) {
        byte[] raw = new byte[12];
        RANDOM.nextBytes(raw);
        Session s = new Session(HexFormat.of().formatHex(raw), keys.keyId(), config.sessionTtl());
        if (config.queue() == 0 && workers.getActiveCount() >= config.workers()) {
            throw busy();
        }
        sessions.put(s.id, s);
        try {
            Future<?> f = workers.submit(() -> evaluate(s, keys, input));
            s.attach(f);
        } catch (RejectedExecutionException e) {
            sessions.remove(s.id);
            throw busy();
        }
        log.info("session {}: queued (key {})", s.id, keys.keyId());
        return s;
    }

    private ApiException busy() {
        return new ApiException(ErrorReason.BUSY, "all " + config.workers() + " workers are busy and " + config.queue()
                + " sessions are waiting; try again later");
    }

    private void evaluate(Session s, EvaluationKeys keys, Ciphertext input) {
        s.running();
        long t0 = System.nanoTime();
        log.info("session {}: evaluating", s.id);
        ClientAssist assist = model.plan().mode() == Mode.CLIENT_AIDED ? s : ClientAssist.NONE;
        // the session owns its input; its native memory goes when the evaluation ends, not at a later GC
        try (Ciphertext in = input; Server server = model.newServer(keys)) {
            Evaluation ev = server.run(in, assist, s);
            s.succeed(ev);
            log.info("session {}: done in {} s, {} client round trips", s.id, String.format("%.2f", (System.nanoTime() - t0) / 1e9),
                    ev.clientRoundTrips());
        } catch (WireFormatException e) {
            s.fail(ErrorReason.of(e.reason()), e.getMessage());
            log.info("session {}: refused: {}", s.id, e.getMessage());
        } catch (RuntimeException e) {
            s.fail(ErrorReason.EVALUATION_FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
            log.warn("session {}: failed: {}", s.id, e.toString());
        }
    }

    /** The session with this id; touching it keeps it alive. */
    Session get(String id) {
        Session s = sessions.get(id);
        if (s == null) {
            throw new ApiException(ErrorReason.UNKNOWN_SESSION, "no session " + id + " (unknown or expired)");
        }
        s.touch();
        return s;
    }

    /** Drops finished sessions idle for longer than {@code ttl}; an evaluation still running is left alone. */
    void expire(Duration ttl) {
        for (Session s : sessions.values()) {
            if (s.state().finished() && s.idleNanos() > ttl.toNanos()) {
                sessions.remove(s.id);
                log.info("session {}: expired", s.id);
            }
        }
    }

    int size() {
        return sessions.size();
    }

    int active() {
        return workers.getActiveCount();
    }

    int queued() {
        return workers.getQueue().size();
    }

    /** Lets running evaluations finish within {@code grace}, then cancels the rest. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("cancelling {} unfinished evaluation(s)", workers.getActiveCount() + workers.getQueue().size());
                sessions.values().forEach(s -> s.cancel("the server is shutting down"));
                workers.shutdownNow();
                workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
