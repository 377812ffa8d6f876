package dev.hestyle.mosaic.resolve;

import dev.hestyle.mosaic.checkpoint.CheckpointException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Downloads one file into a temporary file beside its target, checks its SHA-256 and only then moves it into
 * place, so an interrupted or tampered download never becomes the cached checkpoint.
 */
final class Downloader {
    /** Far above the real checkpoint (460 KB): guards the disk against a misbehaving server. */
    static final long MAX_BYTES = 256L << 20;
    static final String HINT = "set " + CheckpointResolver.ENV_VAR + " or pass --checkpoint";

    private final HttpClient client;

    Downloader() {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL) // GitHub serves raw files through a redirect
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Downloads {@code url} to {@code target} if its SHA-256 equals {@code expectedSha256}. */
    void download(URI url, Path target, String expectedSha256) {
        Path tmp = null;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".part");
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String digest;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new CheckpointException("could not download " + url + ": HTTP " + response.statusCode() + "; " + HINT);
                }
                digest = copy(body, tmp, url);
            }
            if (!digest.equals(expectedSha256)) {
                throw new CheckpointException("downloaded " + url + " but its SHA-256 is " + digest + ", not the published "
                        + expectedSha256 + "; refusing to use it (" + HINT + ")");
            }
            moveIntoPlace(tmp, target);
        } catch (IOException e) {
            throw new CheckpointException("could not download " + url + ": " + e + "; " + HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointException("download of " + url + " was interrupted; " + HINT, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static String copy(InputStream body, Path tmp, URI url) throws IOException {
        MessageDigest md = Sha256.newDigest();
        long total = 0;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = body.read(buf)) > 0;) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new CheckpointException("download of " + url + " exceeds " + MAX_BYTES + " bytes; refusing it");
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return Sha256.hex(md.digest());
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // a stray .part file in the cache is harmless and is never read
        }
    }
}
