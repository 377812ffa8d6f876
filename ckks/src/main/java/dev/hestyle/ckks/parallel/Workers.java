package dev.hestyle.ckks.parallel;

import dev.hestyle.ckks.engine.Evaluator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that evaluate independent operations of one program run: a fixed pool of daemon threads, or
 * none ({@link #SEQUENTIAL}, every task runs on the calling thread when its result is needed). The number
 * of threads comes from the system property {@value #PROPERTY}; by default the available processors, at
 * most {@value #DEFAULT_CAP}. Closing shuts the pool down after running tasks finish.
 */
public final class Workers implements AutoCloseable {
    /** System property with the number of threads; {@code 1} evaluates sequentially. */
    public static final String PROPERTY = "hestyle.threads";
    /** Upper bound of the default: more threads mostly add memory for ciphertexts in flight. */
    public static final int DEFAULT_CAP = 4;
    /** No threads: tasks run on the caller, one after another, in the order their results are taken. */
    public static final Workers SEQUENTIAL = new Workers(null, 1);

    private static final Logger log = LoggerFactory.getLogger(Workers.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService pool;
    private final int threads;

    private Workers(ExecutorService pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /**
     * Workers for a run on {@code ev}: {@link #SEQUENTIAL} unless the evaluator declares itself safe for
     * concurrent use ({@link Evaluator#concurrent()}) and more than one thread is configured.
     */
    public static Workers forEvaluator(Evaluator ev) {
        int n = configuredThreads();
        return ev.concurrent() && n > 1 ? ofThreads(n) : SEQUENTIAL;
    }

    /**
     * A pool of {@code threads} daemon threads ({@link #SEQUENTIAL} for one).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static Workers ofThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        if (threads == 1) {
            return SEQUENTIAL;
        }
        int id = POOLS.incrementAndGet();
        AtomicInteger next = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "hestyle-eval-" + id + "-" + next.incrementAndGet());
            // a forgotten close must not keep the JVM alive
            t.setDaemon(true);
            return t;
        };
        return new Workers(Executors.newFixedThreadPool(threads, factory), threads);
    }

    /** The value of {@value #PROPERTY}, or the default; an unreadable value is reported and ignored. */
    public static int configuredThreads() {
        int fallback = Math.max(1, Math.min(DEFAULT_CAP, Runtime.getRuntime().availableProcessors()));
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        log.warn("ignoring {}={}: expected a whole number of threads of at least 1; using {}", PROPERTY, v, fallback);
        return fallback;
    }

    /** Number of threads evaluating at once (1 when sequential). */
    public int threads() {
        return threads;
    }

    /** Whether tasks run on the calling thread. */
    public boolean sequential() {
        return pool == null;
    }

    /** A new, empty batch of tasks on these workers. */
    public <T extends AutoCloseable> Batch<T> batch() {
        return new Batch<>(pool);
    }

    /** Stops the pool after the tasks already given to it; waits for them. Closing {@link #SEQUENTIAL} does nothing. */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                // running native calls cannot be abandoned: their inputs are freed after this returns
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return pool == null ? "sequential" : threads + " threads";
    }
}
