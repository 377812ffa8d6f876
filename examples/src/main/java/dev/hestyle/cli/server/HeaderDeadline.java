package dev.hestyle.cli.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that do not deliver a complete request header in time: a connection must do so
 * within the read timeout of opening or of its previous response. The HTTP server parses headers without
 * holding a thread, but its idle timeout alone would let a client that sends one byte now and then keep a
 * connection forever.
 */
final class HeaderDeadline implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final long timeoutNanos;
    /** Connections waiting for a request header, with the time they started waiting. */
    private final Map<Connection, Long> waiting = new ConcurrentHashMap<>();

    HeaderDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void onOpened(Connection c) {
        waiting.put(c, System.nanoTime());
    }

    @Override
    public void onClosed(Connection c) {
        waiting.remove(c);
    }

    /** A request's header has arrived on {@code c}. */
    void requestStarted(Connection c) {
        waiting.remove(c);
    }

    /** The response to the request on {@code c} is complete; the next header is awaited. */
    void requestEnded(Connection c) {
        if (c.getEndPoint().isOpen()) {
            waiting.put(c, System.nanoTime());
        }
    }

    /** Closes the connections whose deadline has passed; called periodically. */
    void sweep() {
        long now = System.nanoTime();
        waiting.forEach((c, since) -> {
            if (!c.getEndPoint().isOpen()) {
                waiting.remove(c);
            } else if (now - since > timeoutNanos) {
                waiting.remove(c);
                log.debug("closing {}: no complete request header within {} s", c.getEndPoint().getRemoteSocketAddress(), timeoutNanos / 1_000_000_000L);
                c.getEndPoint().close();
            }
        });
    }

    /** Connections waiting for a header now. */
    int size() {
        return waiting.size();
    }
}
