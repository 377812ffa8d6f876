package dev.hestyle.cli.client;

import dev.hestyle.api.HestyleException;
import dev.hestyle.spi.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts a key set on the server unless it is already cached there. */
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
     * Makes sure the server holds key set {@code keyId}, uploading {@code source} ({@code bytes} long) if not.
     *
     * @throws HestyleException if the server parsed the upload as another key set
     */
    public void ensure(String keyId, long bytes, Source source, ProgressListener progress) {
        if (api.hasKeys(keyId)) {
            log.info("the server already holds evaluation keys {}", keyId);
            return;
        }
        var started = api.startKeyUpload();
        String upload = (String) started.get("upload");
        int chunk = (int) Math.min(PREFERRED_CHUNK, ((Number) started.get("maxChunkBytes")).longValue());
        long t0 = System.nanoTime();
        try (ChunkedUpload out = new ChunkedUpload(api, upload, chunk, bytes, progress)) {
            source.writeTo(out);
        } catch (IOException e) {
            throw new HestyleException("could not read the evaluation keys: " + e.getMessage(), e);
        }
        String stored = api.completeKeyUpload(upload);
        if (!keyId.equals(stored)) {
            throw new HestyleException("the server stored key set " + stored + " but this client holds " + keyId
                    + ": the evaluation key file does not belong to this secret key");
        }
        log.info("uploaded evaluation keys {} ({} bytes) in {} s", keyId, bytes, String.format("%.2f", (System.nanoTime() - t0) / 1e9));
    }
}
