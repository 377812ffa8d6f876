package dev.hestyle.ckks.parallel;

import dev.hestyle.api.EvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Independent tasks whose results (ciphertexts, or anything else that must be closed) are taken one by one
 * in an order the caller chooses, so that what is computed from them does not depend on which thread
 * finished first. Results belong to the caller once taken; closing the batch waits for every task that
 * started, skips those that did not, and closes every result that was not taken.
 *
 * <p>When a task fails, tasks not yet started are skipped and the next {@link #take} throws the first
 * failure itself (its original type; later failures are attached as suppressed). Not for use by several
 * threads at once: one thread adds, takes and closes.
 */
public final class Batch<T extends AutoCloseable> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Batch.class);

    private final ExecutorService pool;
    private final List<Entry<T>> entries = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    /** One task: its future on a pool, or the task itself when it runs on the caller. */
    private static final class Entry<T> {
        Supplier<T> task;
        Future<T> future;
        boolean taken;
    }

    /** @param pool runs the tasks; {@code null} runs each on the calling thread when its result is taken */
    Batch(ExecutorService pool) {
        this.pool = pool;
    }

    /** Adds a task (started at once on a pool); its result is {@link #take}n by index, counting from 0. */
    public void add(Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        if (stopped) {
            throw new IllegalStateException("batch is closed");
        }
        Entry<T> e = new Entry<>();
        if (pool == null) {
            e.task = task;
        } else {
            e.future = pool.submit(() -> run(task));
        }
        entries.add(e);
    }

    /** Number of tasks added. */
    public int size() {
        return entries.size();
    }

    /**
     * The result of task {@code index}, waiting for it; the caller now owns it.
     *
     * @throws RuntimeException or {@link Error} the first failure of any task of this batch, as thrown
     * @throws EvaluationException if interrupted while waiting
     * @throws IllegalStateException if the result was taken before
     */
    public T take(int index) {
        Entry<T> e = entries.get(index);
        if (e.taken) {
            throw new IllegalStateException("result " + index + " was already taken");
        }
        throwIfFailed();
        T r;
        if (e.future == null) {
            Supplier<T> task = e.task;
            e.task = null;
            r = run(task);
        } else {
            try {
                r = e.future.get();
            } catch (ExecutionException x) {
                // run() recorded it; the recorded one may be an earlier failure of another task
                failed(x.getCause());
                r = null;
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                failed(new EvaluationException("interrupted while waiting for a parallel evaluation task"));
                r = null;
            }
        }
        throwIfFailed();
        if (r == null) {
            // skipped after a failure, which throwIfFailed has reported; a stop without failure means close()
            throw new IllegalStateException("batch is closed");
        }
        e.taken = true;
        return r;
    }

    /** Skips tasks not yet started, waits for running ones, and closes results nobody took. */
    @Override
    public void close() {
        stopped = true;
        boolean interrupted = false;
        for (Entry<T> e : entries) {
            e.task = null;
            if (e.future == null || e.taken) {
                continue;
            }
            T r = null;
            while (true) {
                try {
                    r = e.future.get();
                    break;
                } catch (ExecutionException x) {
                    break;
                } catch (InterruptedException x) {
                    // a running task still reads inputs the caller frees once this returns: keep waiting
                    interrupted = true;
                }
            }
            if (r != null) {
                e.taken = true;
                closeQuietly(r);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private T run(Supplier<T> task) {
        if (stopped || failure.get() != null) {
            return null;
        }
        try {
            return Objects.requireNonNull(task.get(), "a parallel task returned no result");
        } catch (RuntimeException | Error x) {
            failed(x);
            throw x;
        }
    }

    private void failed(Throwable x) {
        if (!failure.compareAndSet(null, x)) {
            Throwable first = failure.get();
            if (first != x) {
                first.addSuppressed(x);
            }
        }
    }

    private void throwIfFailed() {
        Throwable x = failure.get();
        if (x instanceof RuntimeException r) {
            throw r;
        }
        if (x instanceof Error err) {
            throw err;
        }
        if (x != null) {
            throw new EvaluationException("parallel evaluation task failed: " + x, x);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception x) {
            // closing releases memory only; the failure that got us here matters more
            log.warn("could not close an unused result: {}", x.toString());
        }
    }
}
