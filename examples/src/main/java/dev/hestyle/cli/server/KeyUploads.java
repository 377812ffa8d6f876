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
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluation key uploads in progress. Keys can be gigabytes, so they arrive as numbered chunks that are
 * appended to a temporary file while their SHA-256 is computed (it becomes the key id); the first chunk's
 * header is checked at once, so that secret-key material or keys for other parameters are refused before
 * anything large is stored. The number of uploads and the bytes they hold together are bounded, and a
 * chunk is admitted (its size reserved) before its body is read.
 */
final class KeyUploads implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyUploads.class);

    /** One upload: its file, digest so far, the next chunk index expected, bytes so far, last activity. */
    static final class Upload {
        final String id;
        final Path file;
        private final MessageDigest digest = Ids.sha256();
        private int nextChunk;
        private long bytes;
        private volatile long touchedNanos = System.nanoTime();
        private volatile boolean busy;

        Upload(String id, Path file) {
            this.id = id;
            this.file = file;
        }

        /** The upload's size. */
        synchronized long bytes() {
            return bytes;
        }

        /** SHA-256 of everything received, in hex: the server key id of these keys. */
        synchronized String digest() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final int maxUploads;
    private final long maxTotalBytes;
    private final String backend;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    /** Bytes stored plus bytes of chunks admitted but not yet appended, over all uploads. */
    private long committed;

    /**
     * @param maxBytes the largest key set accepted
     * @param maxUploads uploads in progress at once
     * @param maxTotalBytes bytes all uploads in progress may hold together
     * @param backend the backend name keys must carry (parameters are checked on completion)
     */
    KeyUploads(long maxBytes, int maxUploads, long maxTotalBytes, String backend) throws IOException {
        this.dir = Files.createTempDirectory("hestyle-keys-");
        this.maxBytes = maxBytes;
        this.maxUploads = maxUploads;
        this.maxTotalBytes = maxTotalBytes;
        this.backend = backend;
    }

    /** Starts an upload; returns its id. */
    synchronized String start() throws IOException {
        if (uploads.size() >= maxUploads) {
            throw new ApiException(ErrorReason.BUSY, maxUploads + " key uploads are in progress, the most this server takes at once; try again later");
        }
        String id = Ids.random();
        uploads.put(id, new Upload(id, Files.createFile(dir.resolve(id + ".keys"))));
        return id;
    }

    /**
     * Admits chunk {@code index} of {@code length} bytes before its body is read: it must be the next
     * one, no other chunk of the upload may be on its way, and it must fit the limits. Follow with
     * {@link #append} or {@link #abandon}.
     */
    Upload admit(String id, int index, long length) {
        Upload u = get(id);
        synchronized (u) {
            if (u.busy) {
                throw new ApiException(ErrorReason.BAD_REQUEST, 409, "upload " + id + " is receiving another chunk or being completed");
            }
            if (index != u.nextChunk) {
                throw new ApiException(ErrorReason.BAD_REQUEST, 409, "upload " + id + " expects chunk " + u.nextChunk + ", got chunk " + index);
            }
            if (u.bytes + length > maxBytes) {
                discard(id);
                throw new ApiException(ErrorReason.BODY_TOO_LARGE, "evaluation keys exceed the server's limit of " + maxBytes + " bytes");
            }
            reserve(length);
            u.busy = true;
        }
        return u;
    }

    private synchronized void reserve(long length) {
        if (committed + length > maxTotalBytes) {
            throw new ApiException(ErrorReason.BUSY, "key uploads in progress hold " + committed + " bytes, the most this server takes is "
                    + maxTotalBytes + "; try again later");
        }
        committed += length;
    }

    private synchronized void unreserve(long length) {
        committed -= length;
    }

    /** Appends the admitted chunk ({@code reserved} bytes were admitted for it). */
    void append(Upload u, long reserved, byte[] chunk) throws IOException {
        synchronized (u) {
            boolean stored = false;
            try {
                if (u.nextChunk == 0) {
                    checkHeader(u.id, chunk);
                }
                try (OutputStream out = Files.newOutputStream(u.file, StandardOpenOption.APPEND)) {
                    out.write(chunk);
                }
                u.digest.update(chunk);
                u.nextChunk++;
                u.bytes += chunk.length;
                u.touchedNanos = System.nanoTime();
                stored = true;
            } finally {
                u.busy = false;
                // what was stored stays reserved until the upload ends
                unreserve(stored ? reserved - chunk.length : reserved);
            }
        }
    }

    /** The admitted chunk never arrived: frees its reservation; the client may send it again. */
    void abandon(Upload u, long reserved) {
        synchronized (u) {
            u.busy = false;
            unreserve(reserved);
        }
    }

    /** Refuses secret keys, other formats or backends as soon as the header has arrived. */
    private void checkHeader(String id, byte[] firstChunk) {
        try {
            Header h = Header.read(new DataInputStream(new ByteArrayInputStream(firstChunk)));
            h.expect(ArtifactKind.EVALUATION_KEYS, backend, h.parameterHash(), null);
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

    /** Ends the upload and hands over its file (the caller deletes it, then calls {@link #release}). */
    Upload finish(String id) {
        Upload u = get(id);
        synchronized (u) {
            if (u.busy) {
                throw new ApiException(ErrorReason.BAD_REQUEST, 409, "upload " + id + " is receiving a chunk or already being completed");
            }
            u.busy = true;
        }
        uploads.remove(id);
        return u;
    }

    /** The bytes of a finished upload no longer count against the limit. */
    void release(Upload u) {
        KeyUploads.delete(u.file);
        unreserve(u.bytes());
    }

    /** Refuses an id that names no upload in progress. */
    void require(String id) {
        get(id);
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
            release(u);
        }
    }

    /** Drops uploads idle for longer than {@code ttl}. */
    void expire(Duration ttl) {
        long now = System.nanoTime();
        for (Upload u : uploads.values()) {
            if (!u.busy && now - u.touchedNanos > ttl.toNanos()) {
                log.info("key upload {} expired after {} bytes", u.id, u.bytes());
                discard(u.id);
            }
        }
    }

    /** Uploads in progress. */
    int size() {
        return uploads.size();
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
