package dev.hestyle.mosaic.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * A read-only zip archive over {@link RandomAccessBytes}: the central directory (also in its zip64 form) and
 * STORED or DEFLATED entries. Written for untrusted archives: every count, size and offset is checked against
 * the bytes before use, the entry count against a limit before the directory is parsed, and entry data is only
 * ever streamed, so no declared size decides an allocation. Malformed archives are {@link ZipException}s.
 */
final class ZipArchive {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;
    private static final int EOCD_SIZE = 22;
    private static final int CEN_SIZE = 46;
    private static final int LOC_SIZE = 30;
    private static final long U16_MAX = 0xFFFF;
    private static final long U32_MAX = 0xFFFFFFFFL;

    /** One entry as the central directory describes it. */
    record Entry(String name, int flags, int method, long compressedSize, long localHeaderOffset) {
    }

    private final RandomAccessBytes data;
    private final Map<String, Entry> entries;
    /** Where the central directory starts: all entry data lies before it. */
    private final long dataEnd;

    private ZipArchive(RandomAccessBytes data, Map<String, Entry> entries, long dataEnd) {
        this.data = data;
        this.entries = entries;
        this.dataEnd = dataEnd;
    }

    /**
     * Parses the central directory of {@code data}.
     *
     * @throws CheckpointLimitException if it lists more than {@code maxEntries} entries
     * @throws ZipException if {@code data} is not a well-formed zip archive
     */
    static ZipArchive read(RandomAccessBytes data, int maxEntries) throws IOException {
        long size = data.size();
        if (size < EOCD_SIZE) {
            throw new ZipException("only " + size + " bytes, too short for a zip archive");
        }
        int tailLength = (int) Math.min(size, EOCD_SIZE + U16_MAX);
        byte[] tail = data.readFully(size - tailLength, tailLength);
        int at = -1;
        for (int i = tailLength - EOCD_SIZE; i >= 0 && at < 0; i--) {
            if (le32(tail, i) == EOCD && i + EOCD_SIZE + le16(tail, i + 20) == tailLength) {
                at = i;
            }
        }
        if (at < 0) {
            throw new ZipException("no end of central directory record (truncated, or not a zip archive)");
        }
        long eocdPos = size - tailLength + at;
        long count = le16(tail, at + 10);
        long cdSize = le32(tail, at + 12);
        long cdOffset = le32(tail, at + 16);
        long cdLimit = eocdPos;
        if (count == U16_MAX || cdSize == U32_MAX || cdOffset == U32_MAX) {
            if (eocdPos < 20) {
                throw new ZipException("zip64 archive without its zip64 end record locator");
            }
            byte[] locator = data.readFully(eocdPos - 20, 20);
            long recordPos = le64(locator, 8);
            if (le32(locator, 0) != ZIP64_LOCATOR || recordPos < 0 || recordPos > eocdPos - 20 - 56) {
                throw new ZipException("bad zip64 end record locator");
            }
            byte[] record = data.readFully(recordPos, 56);
            if (le32(record, 0) != ZIP64_EOCD) {
                throw new ZipException("bad zip64 end of central directory record");
            }
            count = le64(record, 32);
            cdSize = le64(record, 40);
            cdOffset = le64(record, 48);
            cdLimit = recordPos;
        }
        if (count < 0 || count > maxEntries) {
            throw new CheckpointLimitException("maxEntries", "the archive lists " + Long.toUnsignedString(count)
                    + " zip entries, more than the " + maxEntries + " allowed");
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset > cdLimit || cdSize > cdLimit - cdOffset
                || cdSize > CheckpointLimits.MAX_ARRAY) {
            throw new ZipException("the central directory (" + cdSize + " bytes at " + cdOffset + ") lies outside the archive");
        }
        byte[] cen = data.readFully(cdOffset, (int) cdSize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p > cen.length - CEN_SIZE || le32(cen, p) != CEN) {
                throw new ZipException("central directory entry " + i + " is malformed");
            }
            int nameLength = le16(cen, p + 28);
            int extraLength = le16(cen, p + 30);
            int commentLength = le16(cen, p + 32);
            int next = p + CEN_SIZE + nameLength + extraLength + commentLength;
            if (next > cen.length || next < 0) {
                throw new ZipException("central directory entry " + i + " runs past the directory's end");
            }
            String name = new String(cen, p + CEN_SIZE, nameLength, StandardCharsets.UTF_8);
            long[] sizes = {le32(cen, p + 24), le32(cen, p + 20), le32(cen, p + 42)}; // size, compressed, offset
            zip64Sizes(cen, p + CEN_SIZE + nameLength, extraLength, sizes, name);
            Entry e = new Entry(name, le16(cen, p + 8), le16(cen, p + 10), sizes[1], sizes[2]);
            if (entries.putIfAbsent(name, e) != null) {
                throw new ZipException("entry '" + SafeGlobals.abbreviate(name) + "' appears twice");
            }
            p = next;
        }
        return new ZipArchive(data, entries, cdOffset);
    }

    /** Replaces each saturated 32-bit value of {@code sizes} (in the order zip64 stores them) from the zip64 extra field. */
    private static void zip64Sizes(byte[] cen, int from, int length, long[] sizes, String name) throws ZipException {
        int p = from;
        int end = from + length;
        while (p + 4 <= end) {
            int id = le16(cen, p);
            int size = le16(cen, p + 2);
            int q = p + 4;
            if (q + size > end) {
                break;
            }
            if (id == 0x0001) {
                for (int k = 0; k < sizes.length; k++) {
                    if (sizes[k] == U32_MAX && q + 8 <= p + 4 + size) {
                        sizes[k] = le64(cen, q);
                        q += 8;
                    }
                }
            }
            p += 4 + size;
        }
        for (long v : sizes) {
            if (v == U32_MAX || v < 0) {
                throw new ZipException("entry '" + SafeGlobals.abbreviate(name) + "' has a size or offset that its zip64 field does not give");
            }
        }
    }

    /** Every entry, in central directory order. */
    Collection<Entry> entries() {
        return entries.values();
    }

    int size() {
        return entries.size();
    }

    /** The entry called {@code name}, or {@code null}. */
    Entry find(String name) {
        return entries.get(name);
    }

    /** The entry's decoded bytes as a stream; read only as far as needed. */
    InputStream open(Entry e) throws IOException {
        String name = SafeGlobals.abbreviate(e.name());
        if ((e.flags() & 1) != 0) {
            throw new ZipException("entry '" + name + "' is encrypted");
        }
        if (e.localHeaderOffset() > dataEnd - LOC_SIZE) {
            throw new ZipException("entry '" + name + "' starts outside the archive's data");
        }
        byte[] loc = data.readFully(e.localHeaderOffset(), LOC_SIZE);
        if (le32(loc, 0) != LOC) {
            throw new ZipException("entry '" + name + "' has no local header where the directory says");
        }
        long start = e.localHeaderOffset() + LOC_SIZE + le16(loc, 26) + le16(loc, 28);
        if (start > dataEnd || e.compressedSize() > dataEnd - start) {
            throw new ZipException("entry '" + name + "' runs past the archive's data (truncated?)");
        }
        InputStream raw = new Region(data, start, e.compressedSize());
        return switch (e.method()) {
            case 0 -> raw;
            case 8 -> new Inflating(raw);
            default -> throw new ZipException("entry '" + name + "' uses compression method " + e.method()
                    + "; only stored and deflated entries are supported");
        };
    }

    /** A window of the archive's bytes. */
    private static final class Region extends InputStream {
        private final RandomAccessBytes data;
        private long pos;
        private long remaining;

        Region(RandomAccessBytes data, long pos, long length) {
            this.data = data;
            this.pos = pos;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            data.readFully(pos, b, off, n);
            pos += n;
            remaining -= n;
            return n;
        }
    }

    /** Raw deflate; like the JDK's zip reader, feeds one dummy byte at the end, which raw inflation may need. */
    private static final class Inflating extends InflaterInputStream {
        private boolean eof;

        Inflating(InputStream in) {
            super(in, new Inflater(true), 8192);
        }

        @Override
        protected void fill() throws IOException {
            if (eof) {
                throw new EOFException("deflated data ends early (truncated or corrupt)");
            }
            len = in.read(buf, 0, buf.length);
            if (len < 0) {
                buf[0] = 0;
                len = 1;
                eof = true;
            }
            inf.setInput(buf, 0, len);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end(); // not ended by InflaterInputStream when passed in
            }
        }
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long le32(byte[] b, int at) {
        return le16(b, at) | (long) le16(b, at + 2) << 16;
    }

    private static long le64(byte[] b, int at) {
        return le32(b, at) | le32(b, at + 4) << 32;
    }
}
