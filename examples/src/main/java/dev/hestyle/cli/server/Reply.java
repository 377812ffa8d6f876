package dev.hestyle.cli.server;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.cli.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP response of the protocol, independent of the HTTP server: status, content type and body.
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param body the body (JSON or a binary artifact)
 */
record Reply(int status, String contentType, byte[] body) {
    private static final Logger log = LoggerFactory.getLogger(Reply.class);
    static final String OCTETS = "application/octet-stream";
    static final String JSON = "application/json; charset=utf-8";

    static Reply json(int status, Map<String, ?> body) {
        return new Reply(status, JSON, JsonWriter.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static Reply bytes(byte[] body) {
        return new Reply(200, OCTETS, body);
    }

    /** The protocol's error body: {@code {"error": REASON, "message": ...}}. */
    static Reply error(ErrorReason reason, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", reason.name());
        body.put("message", message == null || message.isBlank() ? reason.name() : message);
        return json(status, body);
    }

    /** The error reply for a refusal or failure thrown while serving a request. */
    static Reply of(Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof ApiException a) {
            return error(a.reason(), a.status(), a.getMessage());
        }
        if (e instanceof WireFormatException w) {
            ErrorReason reason = ErrorReason.of(w.reason());
            return error(reason, reason.status(), w.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return error(ErrorReason.BAD_REQUEST, 400, "bad request: " + e.getMessage());
        }
        if (e instanceof IOException) {
            return error(ErrorReason.BAD_REQUEST, 400, "could not read the request: " + e.getMessage());
        }
        log.warn("request failed", e);
        return error(ErrorReason.EVALUATION_FAILED, 500, e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
