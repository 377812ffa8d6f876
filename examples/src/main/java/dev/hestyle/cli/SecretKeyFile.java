package dev.hestyle.cli;

import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompiledModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret key on disk. It is created readable and writable by its owner only (POSIX 0600) from the
 * start, never widened afterwards, and an existing file is replaced only when asked to: overwriting a
 * secret key makes everything encrypted under it undecryptable.
 */
final class SecretKeyFile {
    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretKeyFile() {
    }

    static void write(Path file, Client client, boolean force) throws IOException {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                throw new FileAlreadyExistsException(file.toString(), null,
                        "a secret key is already there; replacing it loses access to everything encrypted under it (use --force to replace it)");
            }
            Files.delete(file);
        }
        boolean posix = file.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (OutputStream out = new BufferedOutputStream(Channels.newOutputStream(posix
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.newByteChannel(file, options)))) {
            client.writeSecretKey(out);
        }
        if (posix) {
            // the creation mode is filtered by the umask; make sure it is exactly owner read/write
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } else {
            log.warn("{} is on a file system without POSIX permissions: restrict access to it yourself", file);
        }
    }

    /** The key file's bytes, warning if others may read it. */
    static byte[] read(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                log.warn("secret key {} is accessible to others ({}): chmod 600 it", file, PosixFilePermissions.toString(perms));
            }
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    /** Restores the client of {@code model} from the key file. */
    static Client client(Path file, CompiledModel model) throws IOException {
        byte[] bytes = read(file);
        try {
            return model.readClient(new java.io.ByteArrayInputStream(bytes));
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }
}
