package dev.hestyle.mosaic.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes a zip laid out like torch's: {@code <prefix>/data.pkl}, {@code <prefix>/byteorder}, {@code <prefix>/data/<n>}. */
public final class TorchZip {
    private final String prefix;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public TorchZip(String prefix) {
        this.prefix = prefix;
    }

    public TorchZip pickle(byte[] pkl) {
        files.put(prefix + "/data.pkl", pkl);
        return this;
    }

    public TorchZip byteorder(String order) {
        files.put(prefix + "/byteorder", order.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public TorchZip storage(String key, byte[] data) {
        files.put(prefix + "/data/" + key, data);
        return this;
    }

    /** Any entry, by its full name in the archive. */
    public TorchZip entry(String name, byte[] data) {
        files.put(name, data);
        return this;
    }

    public TorchZip floats(String key, ByteOrder order, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(order);
        for (float v : values) {
            b.putFloat(v);
        }
        return storage(key, b.array());
    }

    public TorchZip longs(String key, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return storage(key, b.array());
    }

    /** The archive's bytes, entries uncompressed (STORED), as torch writes them. */
    public byte[] bytes() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeTo(b);
        return b.toByteArray();
    }

    /** Writes the entries uncompressed (STORED), as torch does. */
    public Path write(Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            writeTo(os);
        }
        return file;
    }

    private void writeTo(OutputStream os) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey());
                ze.setMethod(ZipEntry.STORED);
                ze.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                ze.setCrc(crc.getValue());
                zip.putNextEntry(ze);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }
}
