package dev.hestyle.mosaic.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The zip container torch writes: {@code <prefix>/data.pkl}, {@code <prefix>/byteorder} and one file
 * {@code <prefix>/data/<key>} per storage. No size the archive declares is trusted: each entry is read up to
 * the bytes needed and the {@link CheckpointLimits} allow, counting what is actually decoded, so a small
 * archive of highly compressed entries (a zip bomb) costs at most those limits. The zip itself is parsed by
 * {@link ZipArchive} over a file or an array alike, so bytes in memory need no temporary file.
 */
final class TorchArchive implements Closeable {
    private final String name;
    private final RandomAccessBytes bytes;
    private final ZipArchive zip;
    private final String prefix;
    private final CheckpointLimits limits;
    private long decoded;

    private TorchArchive(String name, RandomAccessBytes bytes, ZipArchive zip, String prefix, CheckpointLimits limits) {
        this.name = name;
        this.bytes = bytes;
        this.zip = zip;
        this.prefix = prefix;
        this.limits = limits;
    }

    /**
     * Opens the archive in {@code bytes}, which it then owns and closes.
     *
     * @param name how messages call the file
     */
    static TorchArchive open(RandomAccessBytes bytes, String name, CheckpointLimits limits) {
        try {
            long size = bytes.size();
            if (size > limits.maxFileBytes()) {
                throw new CheckpointLimitException("maxFileBytes", "checkpoint " + name + " has " + size + " bytes, more than the "
                        + limits.maxFileBytes() + " allowed");
            }
            ZipArchive zip = ZipArchive.read(bytes, limits.maxEntries());
            return new TorchArchive(name, bytes, zip, findPrefix(name, zip), limits);
        } catch (IOException | RuntimeException e) {
            closeQuietly(bytes);
            if (e instanceof CheckpointException ce) {
                throw ce;
            }
            throw new CheckpointException("checkpoint " + name + " is not a readable zip archive (truncated, corrupt, "
                    + "or saved in torch's legacy non-zip format): " + e.getMessage(), e);
        }
    }

    private static String findPrefix(String name, ZipArchive zip) {
        List<String> found = new ArrayList<>();
        for (ZipArchive.Entry e : zip.entries()) {
            String entry = e.name();
            int slash = entry.indexOf('/');
            if (slash > 0 && entry.substring(slash).equals("/data.pkl")) {
                found.add(entry.substring(0, slash));
            }
        }
        if (found.isEmpty()) {
            throw new CheckpointException("checkpoint " + name + " has no <prefix>/data.pkl: not a torch zip checkpoint");
        }
        if (found.size() > 1) {
            List<String> shown = found.stream().limit(4).map(SafeGlobals::abbreviate).toList();
            throw new CheckpointException("checkpoint " + name + " holds several pickles " + shown
                    + (found.size() > shown.size() ? " and " + (found.size() - shown.size()) + " more" : "") + "; expected one");
        }
        return found.get(0);
    }

    /** The record name, i.e. the archive's top folder (e.g. {@code last_checkpoint}). */
    String prefix() {
        return prefix;
    }

    /** The whole of {@code data.pkl}; a {@link CheckpointLimitException} if it is larger than allowed. */
    byte[] pickle() {
        ZipArchive.Entry e = entry("data.pkl");
        long max = limits.maxPickleBytes();
        byte[] b = read(e, max + 1, "data.pkl");
        if (b.length > max) {
            throw new CheckpointLimitException("maxPickleBytes", "data.pkl in " + name + " holds more than the " + max
                    + " bytes allowed");
        }
        return b;
    }

    /** The byte order of the storages; archives written before torch recorded it are little-endian. */
    ByteOrder byteOrder() {
        ZipArchive.Entry e = find(prefix + "/byteorder");
        if (e == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String s = new String(read(e, 16, "byteorder"), StandardCharsets.US_ASCII).trim();
        return switch (s) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new CheckpointException("checkpoint " + name + " declares unknown byte order '" + SafeGlobals.abbreviate(s) + "'");
        };
    }

    /**
     * Exactly {@code numel} elements of {@code elementBytes} each from storage {@code key}; an error if the file
     * is missing or shorter, or if the bytes exceed the per-storage or total limits.
     */
    byte[] storage(String key, long numel, int elementBytes) {
        if (key.isEmpty() || key.contains("/") || key.contains("\\") || key.contains("..")) {
            throw new CheckpointException("bad storage key '" + SafeGlobals.abbreviate(key) + "' in " + name);
        }
        String file = prefix + "/data/" + key;
        if (numel > limits.maxStorageBytes() / elementBytes) {
            throw new CheckpointLimitException("maxStorageBytes", "storage " + SafeGlobals.abbreviate(file) + " in " + name
                    + " declares " + numel + " elements of " + elementBytes + " bytes, more than the " + limits.maxStorageBytes()
                    + " bytes allowed for one storage");
        }
        long byteCount = numel * elementBytes;
        if (byteCount > limits.maxTotalBytes() - decoded) {
            throw new CheckpointLimitException("maxTotalBytes", "storage " + SafeGlobals.abbreviate(file) + " in " + name
                    + " needs " + byteCount + " bytes, which would take the checkpoint past the " + limits.maxTotalBytes()
                    + " decoded bytes allowed in all");
        }
        ZipArchive.Entry e = find(file);
        if (e == null) {
            throw new CheckpointException("checkpoint " + name + " is missing storage file " + SafeGlobals.abbreviate(file));
        }
        byte[] b = read(e, byteCount, "data/" + key);
        if (b.length < byteCount) {
            throw new CheckpointException("storage " + SafeGlobals.abbreviate(file) + " in " + name + " has " + b.length
                    + " bytes, the pickle needs " + byteCount);
        }
        return b;
    }

    private ZipArchive.Entry entry(String entryName) {
        ZipArchive.Entry e = zip.find(prefix + "/" + entryName);
        if (e == null) {
            throw new CheckpointException("checkpoint " + name + " has no " + SafeGlobals.abbreviate(prefix + "/" + entryName));
        }
        return e;
    }

    private ZipArchive.Entry find(String entryName) {
        return zip.find(entryName);
    }

    /**
     * Reads at most {@code limit} bytes of {@code e}, whatever size the archive declares, and counts them against
     * {@link CheckpointLimits#maxTotalBytes()}. Memory grows with the bytes actually decoded.
     */
    private byte[] read(ZipArchive.Entry e, long limit, String what) {
        long allowed = Math.min(limit, limits.maxTotalBytes() - decoded + 1);
        if (allowed > CheckpointLimits.MAX_ARRAY) {
            throw new CheckpointException(what + " in " + name + " is too large (" + limit + " bytes)");
        }
        byte[] b;
        try (InputStream in = zip.open(e)) {
            b = in.readNBytes((int) allowed);
        } catch (IOException | RuntimeException ex) {
            throw new CheckpointException("cannot read " + what + " from checkpoint " + name + " (truncated or corrupt?): " + ex, ex);
        }
        decoded += b.length;
        if (decoded > limits.maxTotalBytes()) {
            throw new CheckpointLimitException("maxTotalBytes", "checkpoint " + name + " decodes to more than the "
                    + limits.maxTotalBytes() + " bytes allowed in all");
        }
        return b;
    }

    @Override
    public void close() {
        closeQuietly(bytes);
    }

    private static void closeQuietly(RandomAccessBytes bytes) {
        try {
            bytes.close();
        } catch (IOException ignored) {
            // read-only input: nothing to lose on a failed close
        }
    }
}
