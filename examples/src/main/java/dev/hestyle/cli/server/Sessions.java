package dev.hestyle.cli.server;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Server;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one server and the worker pool that evaluates them: at most {@code workers} at once,
 * up to {@code queue} more waiting, anything beyond refused with {@link ErrorReason#BUSY}. A place is
 * taken ({@link #reserve}) before the session's input is read, so a refused client sends no body.
 */
final class Sessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    /** A place among the running and queued evaluations; closing it without starting a session gives it back. */
    final class Slot implements AutoCloseable {
        private boolean taken;
        private boolean released;

        private synchronized void take() {
            taken = true;
        }

        /** Gives the place back (once). */
        synchronized void free() {
            if (!released) {
                released = true;
                places.release();
            }
        }

        @Override
        public synchronized void close() {
            if (!taken) {
                free();
            }
        }
    }

    private final CompiledModel model;
    private final ServerConfig config;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Semaphore places;
    private final ExecutorService workers;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean draining;

    Sessions(CompiledModel model, ServerConfig config) {
        this.model = model;
        this.config = config;
        this.places = new Semaphore(config.workers() + config.queue());
        AtomicInteger n = new AtomicInteger();
        // the queue needs no bound of its own: the places bound it
        this.workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "hestyle-eval-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes a place for a session about to start, or refuses with {@code BUSY}. */
    Slot reserve() {
        if (draining) {
            throw new ApiException(ErrorReason.BUSY, "the server is shutting down and accepts no new work");
        }
        if (!places.tryAcquire()) {
            throw new ApiException(ErrorReason.BUSY, "all " + config.workers() + " workers are busy and " + config.queue()
                    + " sessions are waiting; try again later");
        }
        return new Slot();
    }

    /**
     * Queues the evaluation of {@code input} with the leased keys in the reserved place; returns the new
     * session, which from now on owns the place, the lease and the input.
     */
    Session start(Slot slot, KeyCache.Lease lease, Ciphertext input) {
        Session s = new Session(Ids.random(), lease.id(), lease.keys().keyId(), config.clientRoundTimeout());
        slot.take();
        s.onCleanup(() -> {
            try {
                input.close(); // the input's native memory goes now, not at a later GC
            } finally {
                lease.close();
                slot.free();
            }
        });
        sessions.put(s.id, s);
        try {
            Future<?> f = workers.submit(() -> evaluate(s, lease, input));
            s.attach(f);
        } catch (RejectedExecutionException e) {
            sessions.remove(s.id);
            s.cleanup();
            throw new ApiException(ErrorReason.BUSY, "the server is shutting down and accepts no new work");
        }
        log.info("session {}: queued (key {})", s.id, lease.id());
        return s;
    }

    private void evaluate(Session s, KeyCache.Lease lease, Ciphertext input) {
        active.incrementAndGet();
        s.running();
        long t0 = System.nanoTime();
        log.info("session {}: evaluating", s.id);
        ClientAssist assist = model.plan().mode() == Mode.CLIENT_AIDED ? s : ClientAssist.NONE;
        try (Server server = model.newServer(lease.keys())) {
            Evaluation ev = server.run(input, assist, s);
            s.succeed(ev);
            log.info("session {}: done in {} s, {} client round trips", s.id, String.format("%.2f", (System.nanoTime() - t0) / 1e9),
                    ev.clientRoundTrips());
        } catch (WireFormatException e) {
            s.fail(ErrorReason.of(e.reason()), e.getMessage());
            log.info("session {}: refused: {}", s.id, e.getMessage());
        } catch (RuntimeException e) {
            s.fail(ErrorReason.EVALUATION_FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
            log.warn("session {}: failed: {}", s.id, e.toString());
        } finally {
            s.cleanup();
            active.decrementAndGet();
        }
    }

    /** The session with this id; touching it keeps it alive. */
    Session get(String id) {
        Session s = id == null ? null : sessions.get(id);
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
        return active.get();
    }

    /** Sessions accepted and not yet running. */
    int queued() {
        return Math.max(0, config.workers() + config.queue() - places.availablePermits() - active.get());
    }

    /** Lets running evaluations finish within {@code grace}, then cancels the rest. */
    @Override
    public void close() {
        draining = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("cancelling {} unfinished evaluation(s)", config.workers() + config.queue() - places.availablePermits());
                sessions.values().forEach(s -> s.cancel("the server is shutting down"));
                workers.shutdownNow();
                workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        if (workers.isTerminated()) {
            // sessions that never ran still hold their lease and input; a worker that is still running keeps its own
            sessions.values().forEach(Session::cleanup);
        }
    }
}
