package dev.hestyle.mosaic.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip container torch writes: {@code <prefix>/data.pkl}, {@code <prefix>/byteorder} and one file
 * {@code <prefix>/data/<key>} per storage. Reads are size-checked so a crafted archive cannot make us allocate
 * more than it declares.
 */
final class TorchArchive implements Closeable {
    /** Far above any real style network's pickle (the Mosaic one is 15 KB). */
    private static final long MAX_PICKLE_BYTES = 64L << 20;

    private final Path path;
    private final ZipFile zip;
    private final String prefix;

    private TorchArchive(Path path, ZipFile zip, String prefix) {
        this.path = path;
        this.zip = zip;
        this.prefix = prefix;
    }

    static TorchArchive open(Path path) {
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new CheckpointException("checkpoint " + path + " is not a readable zip archive (truncated, corrupt, "
                    + "or saved in torch's legacy non-zip format): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + path + ": " + e, e);
        }
        try {
            return new TorchArchive(path, zip, findPrefix(path, zip));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static String findPrefix(Path path, ZipFile zip) {
        List<String> found = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash).equals("/data.pkl")) {
                found.add(name.substring(0, slash));
            }
        }
        if (found.isEmpty()) {
            throw new CheckpointException("checkpoint " + path + " has no <prefix>/data.pkl: not a torch zip checkpoint");
        }
        if (found.size() > 1) {
            throw new CheckpointException("checkpoint " + path + " holds several pickles " + found + "; expected one");
        }
        return found.get(0);
    }

    /** The record name, i.e. the archive's top folder (e.g. {@code last_checkpoint}). */
    String prefix() {
        return prefix;
    }

    byte[] pickle() {
        ZipEntry e = entry("data.pkl");
        if (e.getSize() > MAX_PICKLE_BYTES) {
            throw new CheckpointException("data.pkl in " + path + " declares " + e.getSize() + " bytes, more than the "
                    + MAX_PICKLE_BYTES + " allowed");
        }
        return read(e, MAX_PICKLE_BYTES, "data.pkl");
    }

    /** The byte order of the storages; archives written before torch recorded it are little-endian. */
    ByteOrder byteOrder() {
        ZipEntry e = zip.getEntry(prefix + "/byteorder");
        if (e == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String s = new String(read(e, 16, "byteorder"), StandardCharsets.US_ASCII).trim();
        return switch (s) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new CheckpointException("checkpoint " + path + " declares unknown byte order '" + s + "'");
        };
    }

    /** Exactly {@code byteCount} bytes of storage {@code key}; an error if the file is missing or shorter. */
    byte[] storage(String key, long byteCount) {
        if (key.isEmpty() || key.contains("/") || key.contains("..")) {
            throw new CheckpointException("bad storage key '" + key + "' in " + path);
        }
        ZipEntry e = zip.getEntry(prefix + "/data/" + key);
        if (e == null) {
            throw new CheckpointException("checkpoint " + path + " is missing storage file " + prefix + "/data/" + key);
        }
        if (e.getSize() >= 0 && e.getSize() < byteCount) {
            throw new CheckpointException("storage " + prefix + "/data/" + key + " in " + path + " has " + e.getSize()
                    + " bytes, the pickle needs " + byteCount);
        }
        byte[] b = read(e, byteCount, "data/" + key);
        if (b.length < byteCount) {
            throw new CheckpointException("storage " + prefix + "/data/" + key + " in " + path + " has " + b.length
                    + " bytes, the pickle needs " + byteCount);
        }
        return b;
    }

    private ZipEntry entry(String name) {
        ZipEntry e = zip.getEntry(prefix + "/" + name);
        if (e == null) {
            throw new CheckpointException("checkpoint " + path + " has no " + prefix + "/" + name);
        }
        return e;
    }

    /** Reads at most {@code limit} bytes of {@code e}. */
    private byte[] read(ZipEntry e, long limit, String what) {
        if (limit > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(what + " in " + path + " is too large (" + limit + " bytes)");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readNBytes((int) limit);
        } catch (IOException ex) {
            throw new CheckpointException("cannot read " + what + " from checkpoint " + path + " (truncated or corrupt?): " + ex, ex);
        }
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only archive: nothing to lose on a failed close
        }
    }
}
