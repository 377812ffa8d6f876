package dev.hestyle.cli.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.spi.CompiledModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP evaluation server: binds, dispatches {@code /v1/...} requests to {@link Routes}, turns every
 * refusal into a JSON error body, and shuts down cleanly (stop accepting, let evaluations finish within
 * the grace period, cancel the rest, delete temporary files). The compiled model stays the caller's.
 */
public final class StyleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StyleServer.class);
    /** Threads serving HTTP requests (status long-polls hold one each while they wait). */
    private static final int HTTP_THREADS = 32;

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ScheduledExecutorService sweeper;
    private final KeyCache keys;
    private final KeyUploads uploads;
    private final Sessions sessions;
    private final Routes routes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean draining;

    private StyleServer(CompiledModel model, ServerConfig config) throws IOException {
        this.keys = new KeyCache(config.keyCacheBytes());
        this.sessions = new Sessions(model, config);
        this.uploads = new KeyUploads(config.keyCacheBytes(), model.plan().backend(), null);
        this.routes = new Routes(model, config, keys, uploads, sessions);
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        AtomicInteger n = new AtomicInteger();
        this.httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, r -> daemon(r, "hestyle-http-" + n.incrementAndGet()));
        http.setExecutor(httpThreads);
        http.createContext("/", this::handle);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hestyle-expiry"));
        long period = Math.max(1, Math.min(10, config.sessionTtl().toSeconds() / 4));
        sweeper.scheduleAtFixedRate(() -> {
            sessions.expire(config.sessionTtl());
            uploads.expire(config.sessionTtl());
        }, period, period, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Binds and starts serving {@code model}. */
    public static StyleServer start(CompiledModel model, ServerConfig config) throws IOException {
        StyleServer s = new StyleServer(model, config);
        s.http.start();
        log.info("serving {} ({} mode) on http://{}:{}/v1/ with {} worker(s)", model.plan().backend(), model.plan().mode().label(),
                config.host(), s.port(), config.workers());
        return s;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    private void handle(HttpExchange ex) {
        long t0 = System.nanoTime();
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        int status = 200;
        try {
            dispatch(ex, method, uri.getPath().split("/"), query(uri.getRawQuery()));
        } catch (ApiException e) {
            status = e.status();
            respondError(ex, e.reason(), e.status(), e.getMessage());
        } catch (WireFormatException e) {
            ErrorReason reason = ErrorReason.of(e.reason());
            status = reason.status();
            respondError(ex, reason, status, e.getMessage());
        } catch (IOException e) {
            status = 400;
            respondError(ex, ErrorReason.BAD_REQUEST, 400, "could not read the request: " + e.getMessage());
        } catch (RuntimeException e) {
            status = 500;
            log.warn("{} {} failed", method, uri.getPath(), e);
            respondError(ex, ErrorReason.EVALUATION_FAILED, 500, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            log.debug("{} {} -> {} in {} ms", method, uri.getPath(), status, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private void dispatch(HttpExchange ex, String method, String[] p, Map<String, String> q) throws IOException {
        // p[0] is the empty string before the leading slash
        if (p.length < 3 || !p[1].equals("v1")) {
            throw notFound();
        }
        String res = p[2];
        int n = p.length;
        if (draining && method.equals("POST") && (n == 3 || res.equals("keys") && n == 5)) {
            throw new ApiException(ErrorReason.BUSY, "the server is shutting down and accepts no new work");
        }
        if (res.equals("health") && n == 3 && method.equals("GET")) {
            routes.health(ex);
        } else if (res.equals("keys") && n == 3 && method.equals("POST")) {
            routes.startUpload(ex);
        } else if (res.equals("keys") && n == 4 && method.equals("GET")) {
            routes.hasKey(ex, p[3]);
        } else if (res.equals("keys") && n == 6 && p[4].equals("chunks") && method.equals("PUT")) {
            routes.putChunk(ex, p[3], p[5]);
        } else if (res.equals("keys") && n == 5 && p[4].equals("complete") && method.equals("POST")) {
            routes.completeUpload(ex, p[3]);
        } else if (res.equals("sessions") && n == 3 && method.equals("POST")) {
            routes.startSession(ex, q.get("key"));
        } else if (res.equals("sessions") && n == 4 && method.equals("GET")) {
            routes.status(ex, p[3], q.get("wait"));
        } else if (res.equals("sessions") && n == 5 && p[4].equals("request") && method.equals("GET")) {
            routes.request(ex, p[3]);
        } else if (res.equals("sessions") && n == 5 && p[4].equals("assist") && method.equals("POST")) {
            routes.assist(ex, p[3], q.get("round"));
        } else if (res.equals("sessions") && n == 5 && p[4].equals("result") && method.equals("GET")) {
            routes.result(ex, p[3]);
        } else {
            throw notFound();
        }
    }

    private static ApiException notFound() {
        return new ApiException(ErrorReason.BAD_REQUEST, 404, "no such endpoint (see GET /v1/health; endpoints live under /v1/keys and /v1/sessions)");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void respondError(HttpExchange ex, ErrorReason reason, int status, String message) {
        try {
            HttpIo.error(ex, reason, status, message);
        } catch (IOException | RuntimeException e) {
            // the response had already started or the client went away: nothing more to tell it
            ex.close();
        }
    }

    /** Stops accepting requests, finishes or cancels evaluations, deletes temporary files. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("shutting down: no new work; waiting for running evaluations");
        draining = true;
        sweeper.shutdownNow();
        sessions.close();
        http.stop(1);
        httpThreads.shutdownNow();
        uploads.close();
        keys.clear();
        log.info("server stopped");
    }
}
