package dev.hestyle.wire;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Length-prefixed, CRC32C-checked byte sections that follow a {@link Header}. Keys are written as many
 * sections (one per key) so that gigabytes never need one array.
 */
public final class Sections {
    /** The array a section's payload starts in; it doubles as data arrives. */
    private static final int FIRST_CHUNK = 1 << 20;

    private Sections() {
    }

    public static void write(DataOutputStream out, byte[] payload) throws IOException {
        write(out, payload, 0, payload.length);
    }

    public static void write(DataOutputStream out, byte[] payload, int offset, int length) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(payload, offset, length);
        out.writeInt(length);
        out.write(payload, offset, length);
        out.writeInt((int) crc.getValue());
    }

    /**
     * Reads one section.
     *
     * @param maxLength the largest section the caller accepts; a larger prefix is treated as corruption
     */
    public static byte[] read(DataInputStream in, int maxLength) throws IOException {
        try {
            int length = in.readInt();
            if (length < 0 || length > maxLength) {
                throw new WireFormatException(Reason.CORRUPT, "section length " + length + " outside 0.." + maxLength);
            }
            byte[] payload = readPayload(in, length);
            int expected = in.readInt();
            CRC32C crc = new CRC32C();
            crc.update(payload);
            if ((int) crc.getValue() != expected) {
                throw new WireFormatException(Reason.CORRUPT, "section checksum mismatch: the bytes are corrupt");
            }
            return payload;
        } catch (EOFException e) {
            throw new WireFormatException(Reason.TRUNCATED, "truncated: the artifact ends inside a section", e);
        }
    }

    /**
     * Reads {@code length} bytes into an array that grows with the data actually received, so that a length prefix
     * (up to the caller's bound, which can be large for keys) followed by few bytes costs little memory before it
     * turns out to be truncated.
     */
    private static byte[] readPayload(DataInputStream in, int length) throws IOException {
        byte[] buf = new byte[Math.min(length, FIRST_CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(length, 2L * buf.length));
            }
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                throw new EOFException("section of " + length + " bytes ends after " + filled);
            }
            filled += n;
        }
        return buf;
    }
}
