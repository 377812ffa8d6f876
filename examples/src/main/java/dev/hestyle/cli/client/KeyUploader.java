package dev.hestyle.cli.client;

import dev.hestyle.api.HestyleException;
import dev.hestyle.spi.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a key set on the server unless the server already holds it for this client. The server names a
 * key set by the SHA-256 of its bytes, so the client computes the same id itself: a remembered
 * {@link ServerKey} is reused only if it names exactly these bytes and its token still works.
 */
public final class KeyUploader {
    /** Chunk size used when the server allows it: large enough to keep overhead low, small enough to retry. */
    static final int PREFERRED_CHUNK = 4 << 20;
    private static final Logger log = LoggerFactory.getLogger(KeyUploader.class);

    /** Writes the serialized evaluation keys to a stream. */
    @FunctionalInterface
    public interface Source {
        void writeTo(OutputStream out) throws IOException;
    }

    private final ServerApi api;

    public KeyUploader(ServerApi api) {
        this.api = api;
    }

    /**
     * Makes sure the server holds the keys {@code source} writes ({@code bytes} long) for this client.
     *
     * @param remembered what an earlier upload returned, or {@code null}
     * @return the server key id and this client's token for it
     * @throws HestyleException if the server stored other bytes than were sent
     */
    public ServerKey ensure(ServerKey remembered, long bytes, Source source, ProgressListener progress) {
        if (remembered != null && remembered.id().equals(digest(source, OutputStream.nullOutputStream())) && api.hasKeys(remembered)) {
            log.info("the server already holds evaluation keys {}", remembered.id());
            return remembered;
        }
        var started = api.startKeyUpload();
        String upload = (String) started.get("upload");
        int chunk = (int) Math.min(PREFERRED_CHUNK, ((Number) started.get("maxChunkBytes")).longValue());
        long t0 = System.nanoTime();
        String sent;
        try (ChunkedUpload out = new ChunkedUpload(api, upload, chunk, bytes, progress)) {
            sent = digest(source, out);
        }
        ServerKey stored = api.completeKeyUpload(upload);
        if (!stored.id().equals(sent)) {
            throw new HestyleException("the server stored evaluation keys " + stored.id() + " but this client sent " + sent
                    + ": the upload was altered on its way");
        }
        log.info("uploaded evaluation keys {} ({} bytes) in {} s", stored.id(), bytes, String.format("%.2f", (System.nanoTime() - t0) / 1e9));
        return stored;
    }

    /** Writes {@code source} to {@code out}; returns the SHA-256 of what was written, in hex (the server key id). */
    static String digest(Source source, OutputStream out) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try {
            DigestOutputStream d = new DigestOutputStream(out, md);
            source.writeTo(d);
            d.flush();
        } catch (IOException e) {
            throw new HestyleException("could not read the evaluation keys: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
