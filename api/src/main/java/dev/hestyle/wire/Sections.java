package dev.hestyle.wire;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Length-prefixed, CRC32C-checked byte sections that follow a {@link Header}. Keys are written as many
 * sections (one per key) so that gigabytes never need one array.
 */
public final class Sections {
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
            byte[] payload = new byte[length];
            in.readFully(payload);
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
}
