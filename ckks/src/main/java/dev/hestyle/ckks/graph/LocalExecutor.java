package dev.hestyle.ckks.graph;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.api.HestyleException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.RangeCheck;
import dev.hestyle.ckks.parallel.Workers;
import dev.hestyle.spi.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs graphs on this machine: the calling thread and {@code threads - 1} pool threads take ready operations,
 * lowest id first, so that work proceeds in about the order it was built and no more values are alive at
 * once than a sequential run would keep (ciphertexts of native engines are megabytes each). A value is
 * closed as soon as its last reader has finished. Results do not depend on scheduling: every operation
 * reads fixed operands. Client round trips run on the calling thread only: they mostly wait, and an
 * in-process client encrypts there as it would without the executor. On a failure, no new operation
 * starts, running ones finish, and every value made so far is closed before the first failure is thrown.
 *
 * <p>The pool threads live as long as the executor (native libraries keep per-thread state, which a
 * thread per run would pile up); close it when done. Several runs may share one executor.
 */
public final class LocalExecutor implements GraphExecutor, AutoCloseable {
    /** Progress is reported about this many times per run. */
    private static final int PROGRESS_STEPS = 500;
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int threads;
    private final ExecutorService pool;

    /**
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public LocalExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one thread, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            int id = POOLS.incrementAndGet();
            AtomicInteger next = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "hestyle-eval-" + id + "-" + next.incrementAndGet());
                // a forgotten close must not keep the JVM alive
                t.setDaemon(true);
                return t;
            };
            this.pool = Executors.newFixedThreadPool(threads - 1, factory);
        }
    }

    /** Sequential unless the evaluator allows concurrent use; then {@link Workers#configuredThreads()}. */
    public static LocalExecutor forEvaluator(Evaluator ev) {
        return new LocalExecutor(ev.concurrent() ? Workers.configuredThreads() : 1);
    }

    public int threads() {
        return threads;
    }

    @Override
    public Ct[] run(CtGraph graph, Evaluator ev, Ct[] inputs, ClientRefresh client, ProgressListener progress, StepTimes times) {
        return run(graph, ev, inputs, false, client, progress, times);
    }

    /**
     * {@link #run(CtGraph, Evaluator, Ct[], ClientRefresh, ProgressListener, StepTimes)}, closing each input after its
     * last reader: for a caller that needs the inputs no longer, so that they go as early as made values do (a part
     * of a graph may read hundreds of ciphertexts). Inputs that are also outputs stay open, as outputs.
     */
    public Ct[] runConsuming(CtGraph graph, Evaluator ev, Ct[] inputs, ClientRefresh client, ProgressListener progress) {
        return run(graph, ev, inputs, true, client, progress, null);
    }

    private Ct[] run(CtGraph graph, Evaluator ev, Ct[] inputs, boolean consume, ClientRefresh client, ProgressListener progress,
                     StepTimes times) {
        if (inputs.length != graph.inputs()) {
            throw new IllegalArgumentException("the graph takes " + graph.inputs() + " input ciphertexts, got " + inputs.length);
        }
        if (ev.slots() != graph.slots()) {
            throw new EvaluationException("the evaluator works on " + ev.slots() + " slots but the program was planned for " + graph.slots());
        }
        if (pool != null && pool.isShutdown()) {
            throw new IllegalStateException("this executor is closed");
        }
        return new Run(graph, ev, inputs, consume, client, progress == null ? ProgressListener.NONE : progress, times).execute(pool, threads);
    }

    /** Stops the pool threads after the runs in progress; safe to call twice. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** The state of one evaluation. */
    private static final class Run {
        private final CtGraph g;
        private final Evaluator ev;
        private final ClientRefresh client;
        private final ProgressListener progress;
        private final StepTimes times;
        private final Ct[] values;
        private final int[] remaining;
        /** Values from this id on are closed after their last use: made ones, and inputs when consuming. */
        private final int firstOwned;
        private final int[] waiting;
        private final boolean[] output;
        private final int[][] consumers;
        private final PriorityQueue<Integer> ready = new PriorityQueue<>();
        /** Ready client round trips: only the calling thread takes them. */
        private final PriorityQueue<Integer> readyClient = new PriorityQueue<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final int total;
        private final int reportEvery;
        private int completed;
        private int running;
        private Throwable failure;

        Run(CtGraph g, Evaluator ev, Ct[] inputs, boolean consume, ClientRefresh client, ProgressListener progress, StepTimes times) {
            this.g = g;
            this.firstOwned = consume ? 0 : g.inputs();
            this.ev = ev;
            this.client = client;
            this.progress = progress;
            this.times = times;
            this.values = new Ct[g.valueCount()];
            System.arraycopy(inputs, 0, values, 0, inputs.length);
            this.remaining = new int[g.valueCount()];
            for (int v = 0; v < remaining.length; v++) {
                remaining[v] = g.uses(v);
            }
            this.output = new boolean[g.valueCount()];
            for (int v : g.outputs()) {
                output[v] = true;
            }
            this.consumers = g.consumers();
            this.total = g.ops().size();
            this.reportEvery = Math.max(1, total / PROGRESS_STEPS);
            this.waiting = new int[total];
            for (int i = 0; i < total; i++) {
                int prev = -1;
                for (int a : CtGraph.sortedArgs(g.ops().get(i))) {
                    if (a != prev && a >= g.inputs()) {
                        waiting[i]++;
                    }
                    prev = a;
                }
                if (waiting[i] == 0) {
                    enqueue(i);
                }
            }
        }

        Ct[] execute(ExecutorService pool, int threads) {
            List<Future<?>> helpers = new ArrayList<>();
            for (int t = 1; pool != null && t < threads && t < total; t++) {
                helpers.add(pool.submit(() -> work(false)));
            }
            work(true);
            boolean interrupted = false;
            for (Future<?> h : helpers) {
                while (true) {
                    try {
                        h.get();
                        break;
                    } catch (InterruptedException e) {
                        // running native calls cannot be abandoned: their inputs are freed after this returns
                        interrupted = true;
                    } catch (ExecutionException e) {
                        // work() records its failures itself; anything else is a bug worth seeing
                        lock.lock();
                        try {
                            if (failure == null) {
                                failure = e.getCause();
                            }
                        } finally {
                            lock.unlock();
                        }
                        break;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                closeAllMade(failure);
                if (failure instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) failure;
            }
            int[] out = g.outputs();
            Ct[] result = new Ct[out.length];
            for (int i = 0; i < out.length; i++) {
                result[i] = values[out[i]];
            }
            return result;
        }

        private void enqueue(int op) {
            (g.ops().get(op).kind() == OpKind.CLIENT ? readyClient : ready).add(op);
        }

        /** Takes and runs ready operations until the run is complete or failed; {@code caller}: also client round trips. */
        private void work(boolean caller) {
            while (true) {
                int i;
                lock.lock();
                try {
                    while (failure == null && ready.isEmpty() && (!caller || readyClient.isEmpty()) && completed < total) {
                        if (running == 0 && readyClient.isEmpty()) {
                            failure = new IllegalStateException("internal error: the graph has operations that can never run");
                            changed.signalAll();
                            break;
                        }
                        changed.awaitUninterruptibly();
                    }
                    if (failure != null || completed == total) {
                        return;
                    }
                    i = caller && !readyClient.isEmpty() ? readyClient.poll() : ready.poll();
                    running++;
                } finally {
                    lock.unlock();
                }
                Op op = g.ops().get(i);
                Ct[] made;
                try {
                    long t0 = System.nanoTime();
                    made = apply(op);
                    if (times != null) {
                        times.record(op.step(), op.kind(), System.nanoTime() - t0);
                    }
                } catch (RuntimeException | Error e) {
                    lock.lock();
                    try {
                        running--;
                        if (failure == null) {
                            failure = located(op, e);
                        } else {
                            failure.addSuppressed(e);
                        }
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    return;
                }
                finish(op, made);
            }
        }

        /** Stores what {@code op} made, releases what it was the last to read, and wakes its readers. */
        private void finish(Op op, Ct[] made) {
            List<Ct> dead = new ArrayList<>();
            int done;
            lock.lock();
            try {
                for (int a : op.args()) {
                    if (--remaining[a] == 0 && a >= firstOwned && !output[a]) {
                        dead.add(values[a]);
                        values[a] = null;
                    }
                }
                for (int k = 0; k < made.length; k++) {
                    int v = op.firstOutput() + k;
                    if (remaining[v] == 0 && !output[v]) {
                        dead.add(made[k]);
                    } else {
                        values[v] = made[k];
                    }
                    for (int c : consumers[v]) {
                        if (--waiting[c] == 0) {
                            enqueue(c);
                        }
                    }
                }
                done = ++completed;
                running--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            for (Ct c : dead) {
                c.close();
            }
            if (done % reportEvery == 0 || done == total) {
                progress.onProgress("eval", done, total);
            }
        }

        private Ct[] apply(Op op) {
            int[] a = op.args();
            return switch (op.kind()) {
                case HOIST -> {
                    Ct[] r = ev.rotateHoisted(values[a[0]], op.steps());
                    if (r.length != op.outputs()) {
                        throw new IllegalStateException("the engine returned " + r.length + " rotations for " + op.outputs() + " steps");
                    }
                    yield r;
                }
                case ROTATE -> one(ev.rotate(values[a[0]], op.steps()[0]));
                case ADD -> one(ev.add(values[a[0]], values[a[1]]));
                case SUB -> one(ev.sub(values[a[0]], values[a[1]]));
                case ADD_CONST -> one(ev.addConst(values[a[0]], op.constant()));
                case MUL_CONST -> one(ev.mulConst(values[a[0]], op.constant()));
                case MUL -> one(ev.mul(values[a[0]], values[a[1]]));
                case BOOTSTRAP -> one(ev.bootstrap(values[a[0]]));
                case ADD_PLAIN, MUL_PLAIN -> {
                    PlainSource p = g.plain(op.index());
                    try {
                        yield one(op.kind() == OpKind.ADD_PLAIN ? ev.addPlain(values[a[0]], p.values()) : ev.mulPlain(values[a[0]], p.values()));
                    } finally {
                        p.release();
                    }
                }
                case CLIENT -> {
                    Ct[] req = new Ct[a.length];
                    for (int k = 0; k < a.length; k++) {
                        req[k] = values[a[k]];
                    }
                    Ct[] r = client.refresh(op.index(), req);
                    if (r == null || r.length != a.length) {
                        closeQuietly(r);
                        throw new EvaluationException("the client returned " + (r == null ? 0 : r.length) + " ciphertexts for activation #"
                                + op.index() + ", expected " + a.length);
                    }
                    yield r;
                }
                case RANGE_CHECK -> {
                    if (ev instanceof RangeCheck rc) {
                        rc.checkActivationInput(values[a[0]], g.interval(op.index()));
                    }
                    yield new Ct[0];
                }
            };
        }

        private static Ct[] one(Ct c) {
            return new Ct[] {c};
        }

        private static void closeQuietly(Ct[] cts) {
            if (cts != null) {
                for (Ct c : cts) {
                    if (c != null) {
                        c.close();
                    }
                }
            }
        }

        private Throwable located(Op op, Throwable e) {
            String where = "step " + op.step() + " (" + g.stepLabel(op.step()) + ")";
            if (e instanceof EvaluationException) {
                return new EvaluationException(where + ": " + e.getMessage(), e);
            }
            if (e instanceof HestyleException || e instanceof Error) {
                return e;
            }
            return new EvaluationException(where + " failed: " + e, e);
        }

        /** After a failure: closes every value made by the run (inputs belong to the caller). */
        private void closeAllMade(Throwable f) {
            for (int v = g.inputs(); v < values.length; v++) {
                if (values[v] != null) {
                    try {
                        values[v].close();
                    } catch (RuntimeException e) {
                        f.addSuppressed(e);
                    }
                    values[v] = null;
                }
            }
        }
    }
}
