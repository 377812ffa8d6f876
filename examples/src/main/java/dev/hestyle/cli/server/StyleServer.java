package dev.hestyle.cli.server;

import dev.hestyle.spi.CompiledModel;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP evaluation server: binds, serves {@code /v1/...} through {@link ApiHandler} and {@link Routes},
 * and shuts down cleanly (stop accepting, let evaluations finish within the grace period, cancel the rest,
 * close key sets, delete temporary files). The compiled model stays the caller's.
 */
public final class StyleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StyleServer.class);
    /** Threads of the HTTP server. No request holds one while it waits, so a few suffice for many clients. */
    private static final int HTTP_THREADS = 32;

    private final Server http;
    private final ServerConnector connector;
    private final ScheduledExecutorService timers;
    private final KeyCache keys;
    private final KeyUploads uploads;
    private final Sessions sessions;
    private final Routes routes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StyleServer(CompiledModel model, ServerConfig config) throws IOException {
        this.keys = new KeyCache(config.keyCacheBytes());
        this.sessions = new Sessions(model, config);
        this.uploads = new KeyUploads(config.keyCacheBytes(), config.maxUploads(), config.maxUploadBytes(), model.plan().backend());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hestyle-timers");
            t.setDaemon(true);
            return t;
        });
        QueuedThreadPool threads = new QueuedThreadPool(HTTP_THREADS, 4);
        threads.setName("hestyle-http");
        threads.setDaemon(true);
        this.http = new Server(threads);
        this.routes = new Routes(model, config, keys, uploads, sessions, threads);
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        this.connector = new ServerConnector(http, new HttpConnectionFactory(httpConfig));
        connector.setHost(config.host());
        connector.setPort(config.port());
        // a backstop for dead peers only: header and body deadlines are enforced on their own, and a long
        // poll may stay silent for its whole wait
        connector.setIdleTimeout(config.readTimeout().plusSeconds(Routes.MAX_WAIT_SECONDS).toMillis());
        HeaderDeadline headers = new HeaderDeadline(config.readTimeout());
        connector.addBean(headers);
        http.addConnector(connector);
        http.setHandler(new ApiHandler(routes, config, headers, timers));
        http.setStopTimeout(2000);
        timers.scheduleAtFixedRate(headers::sweep, 1, 1, TimeUnit.SECONDS);
        long period = Math.max(1, Math.min(10, config.sessionTtl().toSeconds() / 4));
        timers.scheduleAtFixedRate(() -> {
            sessions.expire(config.sessionTtl());
            uploads.expire(config.sessionTtl());
        }, period, period, TimeUnit.SECONDS);
    }

    /** Binds and starts serving {@code model}. */
    public static StyleServer start(CompiledModel model, ServerConfig config) throws IOException {
        StyleServer s = new StyleServer(model, config);
        try {
            s.http.start();
        } catch (IOException e) {
            s.close();
            throw e;
        } catch (Exception e) {
            s.close();
            throw new IOException("could not start the HTTP server on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        log.info("serving {} ({} mode) on http://{}:{}/v1/ with {} worker(s)", model.plan().backend(), model.plan().mode().label(),
                config.host(), s.port(), config.workers());
        return s;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The key sets this server holds (for its tests). */
    KeyCache keys() {
        return keys;
    }

    /** Stops accepting work, finishes or cancels evaluations, closes key sets, deletes temporary files. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("shutting down: no new work; waiting for running evaluations");
        routes.drain();
        sessions.close();
        try {
            http.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            log.info("the HTTP server stopped with connections still open");
        } catch (Exception e) {
            log.warn("stopping the HTTP server: {}", e.toString());
        }
        timers.shutdownNow();
        uploads.close();
        keys.clear();
        log.info("server stopped");
    }
}
