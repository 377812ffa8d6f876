package dev.hestyle.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access tokens servers gave for one evaluation key file, kept beside it in {@code FILE.tokens}
 * (readable by the owner only, like a secret key): one line per server with the server key id and the
 * token. With it, {@code run} skips uploading keys a server already holds for this client. Losing the
 * file costs one upload, nothing else.
 */
public final class KeyTokens {
    private static final Logger log = LoggerFactory.getLogger(KeyTokens.class);

    private final Path file;

    /** The token file of {@code evalKeys}. */
    public KeyTokens(Path evalKeys) {
        this.file = evalKeys.resolveSibling(evalKeys.getFileName() + ".tokens");
    }

    /** What {@code server} returned for these keys last time, or {@code null}. */
    public ServerKey get(URI server) {
        String v = read().getProperty(server.toString());
        if (v == null) {
            return null;
        }
        String[] parts = v.trim().split("\\s+");
        return parts.length == 2 ? new ServerKey(parts[0], parts[1]) : null;
    }

    /** Remembers {@code key} for {@code server}; a file that cannot be written costs a later upload only. */
    public void put(URI server, ServerKey key) {
        Properties p = read();
        if ((key.id() + " " + key.token()).equals(p.getProperty(server.toString()))) {
            return;
        }
        p.setProperty(server.toString(), key.id() + " " + key.token());
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tokens-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "hestyle server access tokens for " + file.getFileName().toString().replaceFirst("\\.tokens$", "")
                        + ": server = key-id token");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("could not remember the server's access token in {}: {}", file, e.toString());
        }
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("ignoring unreadable token file {}: {}", file, e.toString());
            }
        }
        return p;
    }
}
