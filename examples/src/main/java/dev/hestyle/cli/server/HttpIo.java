package dev.hestyle.cli.server;

import com.sun.net.httpserver.HttpExchange;
import dev.hestyle.cli.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads bounded request bodies and writes JSON, binary and error responses. */
final class HttpIo {
    /** Bytes of an oversized body read and thrown away so that the client sees the error, not a reset. */
    private static final long DRAIN_LIMIT = 64L << 20;
    static final String OCTETS = "application/octet-stream";

    private HttpIo() {
    }

    /**
     * The whole body, refusing one longer than {@code max} with {@link ErrorReason#BODY_TOO_LARGE}.
     * Checks the declared length first, then what actually arrives.
     */
    static byte[] body(HttpExchange ex, long max) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > max) {
                    drain(ex.getRequestBody());
                    throw tooLarge(max);
                }
            } catch (NumberFormatException e) {
                throw new ApiException(ErrorReason.BAD_REQUEST, "bad Content-Length: " + declared);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = ex.getRequestBody()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + (long) n > max) {
                    drain(in);
                    throw tooLarge(max);
                }
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(ErrorReason.BODY_TOO_LARGE, "request body exceeds the limit of " + max + " bytes");
    }

    private static void drain(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buf = new byte[64 * 1024];
        int n;
        while (skipped < DRAIN_LIMIT && (n = in.read(buf)) > 0) {
            skipped += n;
        }
    }

    static void json(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JsonWriter.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(ex, status, bytes);
    }

    static void bytes(HttpExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", OCTETS);
        send(ex, 200, body);
    }

    /** The protocol's error body: {@code {"error": REASON, "message": ...}}. */
    static void error(HttpExchange ex, ErrorReason reason, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", reason.name());
        body.put("message", message == null ? reason.name() : message);
        json(ex, status, body);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }
}
