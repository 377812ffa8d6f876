package dev.hestyle.cli.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while the bytes are on their way: it takes what has
 * arrived and asks to be called back when there is more. It stops at the first byte over the limit and
 * when the deadline passes, whichever comes first; exactly one of the two outcomes is reported. It can
 * also just discard a body, so that a refused client still reads its answer (see {@link ApiHandler}).
 */
final class BodyReader implements Runnable {
    /** Largest first allocation: a declared length alone does not get memory before bytes arrive. */
    private static final int INITIAL = 1 << 20;

    private final Request request;
    private final int max;
    private final Consumer<byte[]> done;
    private final Consumer<Throwable> failed;
    private final boolean keep;
    private final AtomicBoolean over = new AtomicBoolean();
    private byte[] buf;
    private int size;
    private ScheduledFuture<?> timer;

    /**
     * @param max the most bytes accepted (the declared length when there was one)
     * @param done receives the whole body
     * @param failed receives why there is none: {@code BODY_TOO_LARGE}, {@code TIMEOUT}, or the connection's failure
     */
    BodyReader(Request request, long max, Consumer<byte[]> done, Consumer<Throwable> failed) {
        this(request, max, done, failed, true);
    }

    private BodyReader(Request request, long max, Consumer<byte[]> done, Consumer<Throwable> failed, boolean keep) {
        this.request = request;
        this.max = (int) Math.min(max, Integer.MAX_VALUE - 8);
        this.done = done;
        this.failed = failed;
        this.keep = keep;
        this.buf = new byte[keep ? Math.min(this.max, INITIAL) : 0];
    }

    /** A reader that throws the body away; {@code done} receives an empty array. */
    static BodyReader discarding(Request request, long max, Consumer<byte[]> done, Consumer<Throwable> failed) {
        return new BodyReader(request, max, done, failed, false);
    }

    /** Starts reading; the body must be complete within {@code timeout}. */
    void start(ScheduledExecutorService scheduler, Duration timeout) {
        timer = scheduler.schedule(() -> finish(null, new ApiException(ErrorReason.TIMEOUT, "the request body did not arrive within "
                + timeout.toSeconds() + " s")), timeout.toMillis(), TimeUnit.MILLISECONDS);
        run();
    }

    @Override
    public void run() {
        while (!over.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                finish(null, chunk.getFailure());
                return;
            }
            ByteBuffer b = chunk.getByteBuffer();
            int n = b.remaining();
            if (size + (long) n > max) {
                chunk.release();
                finish(null, Routes.tooLarge(max));
                return;
            }
            if (keep) {
                if (size + n > buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(max, Math.max(2L * buf.length, size + n)));
                }
                b.get(buf, size, n);
            }
            size += n;
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                finish(size == buf.length || !keep ? buf : Arrays.copyOf(buf, size), null);
                return;
            }
        }
    }

    private void finish(byte[] body, Throwable failure) {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        buf = null;
        if (failure == null) {
            done.accept(body);
        } else {
            failed.accept(failure);
        }
    }
}
