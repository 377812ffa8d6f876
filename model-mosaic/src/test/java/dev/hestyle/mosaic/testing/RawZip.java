package dev.hestyle.mosaic.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte, so that tests can build what {@code ZipOutputStream} refuses to: entries whose
 * deflated data is assembled by hand (a zip bomb of a gigabyte of zeros in about a megabyte, made in milliseconds)
 * and declared sizes that lie.
 */
public final class RawZip {
    private record Entry(String name, int method, byte[] data, long crc, long declaredSize) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An uncompressed entry. */
    public RawZip stored(String name, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        entries.add(new Entry(name, 0, data, crc.getValue(), data.length));
        return this;
    }

    /**
     * A deflated entry that inflates to {@code mebibytes} MiB of zero bytes, declaring {@code declaredSize} as its
     * uncompressed size (the truth is {@code mebibytes << 20}; pass something else to lie). The deflate stream is
     * one fully flushed segment for 1 MiB of zeros, repeated: each segment is self-contained, so the repetition
     * is a valid stream.
     */
    public RawZip zeros(String name, int mebibytes, long declaredSize) {
        byte[] mib = new byte[1 << 20];
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(mib);
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        byte[] buf = new byte[64 << 10];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
            seg.write(buf, 0, n);
        } while (n == buf.length || !d.needsInput());
        d.end();
        byte[] segment = seg.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream(segment.length * mebibytes + 2);
        CRC32 crc = new CRC32();
        for (int i = 0; i < mebibytes; i++) {
            all.writeBytes(segment);
            crc.update(mib);
        }
        all.write(0x03); // a final, empty block with fixed codes
        all.write(0x00);
        entries.add(new Entry(name, 8, all.toByteArray(), crc.getValue(), declaredSize));
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add((long) out.size());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            le32(out, 0x04034b50);
            header(out, e, name.length);
            out.writeBytes(name);
            out.writeBytes(e.data());
        }
        long cdStart = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            le32(out, 0x02014b50);
            le16(out, 20); // version made by
            header(out, e, name.length);
            le16(out, 0); // comment length
            le16(out, 0); // disk
            le16(out, 0); // internal attributes
            le32(out, 0); // external attributes
            le32(out, offsets.get(i));
            out.writeBytes(name);
        }
        long cdSize = out.size() - cdStart;
        le32(out, 0x06054b50);
        le16(out, 0);
        le16(out, 0);
        le16(out, entries.size());
        le16(out, entries.size());
        le32(out, cdSize);
        le32(out, cdStart);
        le16(out, 0);
        return out.toByteArray();
    }

    /** From "version needed" to "extra field length", shared by local and central headers. */
    private static void header(ByteArrayOutputStream out, Entry e, int nameLength) {
        le16(out, 20);
        le16(out, 0); // flags
        le16(out, e.method());
        le16(out, 0); // time
        le16(out, 0x21); // date 1980-01-01
        le32(out, e.crc());
        le32(out, e.data().length);
        le32(out, e.declaredSize());
        le16(out, nameLength);
        le16(out, 0);
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void le32(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }
}
