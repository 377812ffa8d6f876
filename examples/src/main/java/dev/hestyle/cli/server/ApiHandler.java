package dev.hestyle.cli.server;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the HTTP server to {@link Routes}: asks the route what a request needs, reads its body
 * asynchronously when it needs one, and writes the reply, turning every refusal into the protocol's JSON
 * error. No request holds a thread while it waits for the network or for a session to change.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    /**
     * The longest declared body read and thrown away after a refusal. Closing a connection with unread
     * bytes resets it, and the client would lose the answer; larger bodies are not worth the transfer.
     */
    private static final long DRAIN_LIMIT = 8L << 20;

    private final Routes routes;
    private final ServerConfig config;
    private final HeaderDeadline headers;
    private final ScheduledExecutorService timers;

    ApiHandler(Routes routes, ServerConfig config, HeaderDeadline headers, ScheduledExecutorService timers) {
        this.routes = routes;
        this.config = config;
        this.headers = headers;
        this.timers = timers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long t0 = System.nanoTime();
        Connection connection = request.getConnectionMetaData().getConnection();
        headers.requestStarted(connection);
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        Callback finished = Callback.from(callback, () -> {
            headers.requestEnded(connection);
            log.debug("{} {} -> {} in {} ms", method, path, response.getStatus(), (System.nanoTime() - t0) / 1_000_000);
        });
        long declared;
        Step step;
        try {
            declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        } catch (NumberFormatException e) {
            send(response, finished, Reply.of(e), true);
            return true;
        }
        try {
            step = routes.route(new Routes.Call(method, path == null ? "" : path, query(request.getHttpURI().getQuery()), bearer(request), declared));
        } catch (Throwable e) {
            refuse(request, response, finished, Reply.of(e), declared);
            return true;
        }
        try {
            if (step instanceof Step.Answer a) {
                a.reply().whenComplete((r, e) -> send(response, finished, r != null ? r : Reply.of(e), false));
            } else if (step instanceof Step.ReadBody b) {
                new BodyReader(request, b.maxBytes(), body -> send(response, finished, apply(b, body), false), failure -> {
                    b.abandon().run();
                    // the rest of the body is still on its way: close rather than read it
                    send(response, finished, Reply.of(failure), true);
                }).start(timers, config.bodyTimeout(b.maxBytes()));
            }
        } catch (Throwable e) {
            send(response, finished, Reply.of(e), false);
        }
        return true;
    }

    /**
     * Answers a request refused on its headers: after its (small) body, or at once, closing the connection
     * (also when the client waits for {@code 100 Continue} before sending the body: it never comes).
     */
    private void refuse(Request request, Response response, Callback callback, Reply r, long declared) {
        if (declared == 0 || declared < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            send(response, callback, r, false); // no body
        } else if (declared > 0 && declared <= DRAIN_LIMIT && !request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")) {
            BodyReader.discarding(request, declared, ignored -> send(response, callback, r, false), failure -> send(response, callback, r, true))
                    .start(timers, config.bodyTimeout(declared));
        } else {
            send(response, callback, r, true);
        }
    }

    private static Reply apply(Step.ReadBody b, byte[] body) {
        try {
            return b.then().apply(body);
        } catch (Throwable e) {
            return Reply.of(e);
        }
    }

    private static void send(Response response, Callback callback, Reply r, boolean close) {
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, r.body().length);
        if (close) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(r.body()), callback);
    }

    /** The token of an {@code Authorization: Bearer TOKEN} header, or {@code null}. */
    private static String bearer(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).trim();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }
}
