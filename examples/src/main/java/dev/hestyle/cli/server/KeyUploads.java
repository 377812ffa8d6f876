package dev.hestyle.cli.server;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.wire.ArtifactKind;
import dev.hestyle.wire.Header;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluation key uploads in progress. Keys can be gigabytes, so they arrive as numbered chunks that are
 * appended to a temporary file; the first chunk's header is checked at once, so that secret-key material
 * or keys for other parameters are refused before anything large is stored.
 */
final class KeyUploads implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyUploads.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One upload: its file, the next chunk index expected, bytes so far, last activity. */
    static final class Upload {
        final String id;
        final Path file;
        int nextChunk;
        long bytes;
        volatile long touchedNanos = System.nanoTime();
        boolean busy;

        Upload(String id, Path file) {
            this.id = id;
            this.file = file;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final String backend;
    private final String parameterHash;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    /**
     * @param maxBytes the largest key set accepted
     * @param backend the backend name keys must carry
     * @param parameterHash the parameter hash keys must carry, or {@code null} to leave that check to completion
     */
    KeyUploads(long maxBytes, String backend, String parameterHash) throws IOException {
        this.dir = Files.createTempDirectory("hestyle-keys-");
        this.maxBytes = maxBytes;
        this.backend = backend;
        this.parameterHash = parameterHash;
    }

    /** Starts an upload; returns its id. */
    String start() throws IOException {
        byte[] raw = new byte[12];
        RANDOM.nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);
        uploads.put(id, new Upload(id, Files.createFile(dir.resolve(id + ".keys"))));
        return id;
    }

    /** Appends chunk {@code index}, which must be the next one. */
    void append(String id, int index, byte[] chunk) throws IOException {
        Upload u = get(id);
        synchronized (u) {
            if (index != u.nextChunk) {
                throw new ApiException(ErrorReason.BAD_REQUEST, 409, "upload " + id + " expects chunk " + u.nextChunk + ", got chunk " + index);
            }
            if (u.bytes + chunk.length > maxBytes) {
                discard(id);
                throw new ApiException(ErrorReason.BODY_TOO_LARGE, "evaluation keys exceed the server's limit of " + maxBytes + " bytes");
            }
            if (index == 0) {
                checkHeader(id, chunk);
            }
            try (OutputStream out = Files.newOutputStream(u.file, java.nio.file.StandardOpenOption.APPEND)) {
                out.write(chunk);
            }
            u.nextChunk++;
            u.bytes += chunk.length;
            u.touchedNanos = System.nanoTime();
        }
    }

    /** Refuses secret keys, other formats, backends or parameters as soon as the header has arrived. */
    private void checkHeader(String id, byte[] firstChunk) {
        try {
            Header h = Header.read(new DataInputStream(new ByteArrayInputStream(firstChunk)));
            h.expect(ArtifactKind.EVALUATION_KEYS, backend, parameterHash == null ? h.parameterHash() : parameterHash, null);
        } catch (WireFormatException e) {
            if (e.reason() != WireFormatException.Reason.TRUNCATED) {
                discard(id);
                throw e;
            }
            // a first chunk shorter than the header: the full check happens on completion
        } catch (IOException e) {
            throw new IllegalStateException(e); // reading memory cannot fail
        }
    }

    /** Ends the upload and hands over its file (the caller deletes it). */
    Upload finish(String id) {
        Upload u = get(id);
        synchronized (u) {
            if (u.busy) {
                throw new ApiException(ErrorReason.BAD_REQUEST, 409, "upload " + id + " is already being completed");
            }
            u.busy = true;
        }
        uploads.remove(id);
        return u;
    }

    private Upload get(String id) {
        Upload u = uploads.get(id);
        if (u == null) {
            throw new ApiException(ErrorReason.BAD_REQUEST, 404, "no key upload " + id + " (unknown, completed or expired)");
        }
        return u;
    }

    /** Drops the upload and its file. */
    void discard(String id) {
        Upload u = uploads.remove(id);
        if (u != null) {
            delete(u.file);
        }
    }

    /** Drops uploads idle for longer than {@code ttl}. */
    void expire(Duration ttl) {
        long now = System.nanoTime();
        for (Upload u : uploads.values()) {
            if (now - u.touchedNanos > ttl.toNanos()) {
                log.info("key upload {} expired after {} bytes", u.id, u.bytes);
                discard(u.id);
            }
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void close() {
        uploads.keySet().forEach(this::discard);
        try (var files = Files.list(dir)) {
            files.forEach(KeyUploads::delete);
        } catch (IOException e) {
            log.warn("could not clean {}: {}", dir, e.getMessage());
        }
        delete(dir);
    }
}
