package dev.hestyle.cli.client;

import dev.hestyle.api.HestyleException;
import dev.hestyle.cli.json.JsonReader;
import dev.hestyle.spi.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The HTTP calls of the protocol (see {@code dev.hestyle.cli.server.Routes}), one method each. */
public final class ServerApi {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final URI base;
    private final HttpClient http;

    /** @param base e.g. {@code http://127.0.0.1:8716} */
    public ServerApi(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    public Map<String, Object> health() {
        return json(get("/v1/health"));
    }

    /** Starts a key upload; returns its id and the server's largest chunk. */
    public Map<String, Object> startKeyUpload() {
        return json(send(post("/v1/keys", new byte[0])));
    }

    public void putChunk(String upload, int index, byte[] chunk, int length) {
        send(request("/v1/keys/" + upload + "/chunks/" + index).PUT(HttpRequest.BodyPublishers.ofByteArray(chunk, 0, length)));
    }

    /** Completes the upload; returns the server key id of the keys it parsed and this client's access token. */
    public ServerKey completeKeyUpload(String upload) {
        Map<String, Object> r = json(send(post("/v1/keys/" + upload + "/complete", new byte[0])));
        if (!(r.get("key") instanceof String id) || !(r.get("token") instanceof String token)) {
            throw new HestyleException("unexpected answer from the server to completing upload " + upload + ": " + r.keySet());
        }
        return new ServerKey(id, token);
    }

    /** Whether the server holds the key set {@code key} and lets its token use it. */
    public boolean hasKeys(ServerKey key) {
        try {
            send(authorized(request("/v1/keys/" + key.id()), key).GET());
            return true;
        } catch (RemoteException e) {
            if ("UNKNOWN_KEY".equals(e.reason())) {
                return false;
            }
            throw e;
        }
    }

    /** Sends the encrypted input; returns the session status (with its id). */
    public Map<String, Object> startSession(ServerKey key, byte[] ciphertext) {
        return json(send(authorized(post("/v1/sessions?key=" + key.id(), ciphertext), key)));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder b, ServerKey key) {
        return b.header("Authorization", "Bearer " + key.token());
    }

    /** The session status, waiting up to {@code waitSeconds} for a change. */
    public Map<String, Object> status(String session, int waitSeconds) {
        return json(send(request("/v1/sessions/" + session + "?wait=" + waitSeconds).GET()));
    }

    public byte[] activationRequest(String session, ProgressListener progress) {
        return download("/v1/sessions/" + session + "/request", "request", progress);
    }

    public void assist(String session, int round, byte[] answer) {
        send(post("/v1/sessions/" + session + "/assist?round=" + round, answer));
    }

    public byte[] result(String session, ProgressListener progress) {
        return download("/v1/sessions/" + session + "/result", "download", progress);
    }

    private HttpResponse<byte[]> get(String path) {
        return send(request(path).GET());
    }

    private HttpRequest.Builder post(String path, byte[] body) {
        return request(path).header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder req) {
        HttpResponse<byte[]> r = exchange(req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 300) {
            throw error(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        }
        return r;
    }

    /** A binary download with progress (phase {@code label}, bytes). */
    private byte[] download(String path, String label, ProgressListener progress) {
        HttpResponse<InputStream> r = exchange(request(path).GET(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() >= 300) {
                throw error(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(total > 0 ? (int) Math.min(total, Integer.MAX_VALUE - 8) : 1 << 16);
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                progress.onProgress(label, out.size(), Math.max(total, out.size()));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new HestyleException("download from " + base + path + " failed: " + e.getMessage(), e);
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder req, HttpResponse.BodyHandler<T> handler) {
        HttpRequest built = req.build();
        try {
            return http.send(built, handler);
        } catch (ConnectException e) {
            throw new HestyleException("cannot connect to the server at " + base + " (is 'hestyle serve' running there?)", e);
        } catch (IOException e) {
            throw new HestyleException(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HestyleException("interrupted while talking to " + base, e);
        }
    }

    private static RemoteException error(int status, String body) {
        try {
            if (JsonReader.parse(body) instanceof Map<?, ?> m && m.get("error") instanceof String reason) {
                return new RemoteException(status, reason, String.valueOf(m.get("message")));
            }
        } catch (IllegalArgumentException e) {
            // not the protocol's error body: report it as it is
        }
        return new RemoteException(status, "HTTP_" + status, body.length() > 200 ? body.substring(0, 200) + "..." : body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<byte[]> r) {
        Object v = JsonReader.parse(new String(r.body(), StandardCharsets.UTF_8));
        if (!(v instanceof Map)) {
            throw new HestyleException("unexpected answer from the server: " + v);
        }
        return (Map<String, Object>) v;
    }
}
