package dev.hestyle.backend.openfhe;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads a {@link dev.hestyle.wire.Sections} section whose length prefix comes from the sender, growing
 * its buffer only as bytes arrive: a claimed length costs nothing until the bytes are actually there.
 */
final class BoundedSections {
    private static final int FIRST_CHUNK = 1 << 16;

    private BoundedSections() {
    }

    /**
     * One section of {@code minLength..maxLength} bytes.
     *
     * @throws WireFormatException CORRUPT for a length outside the bounds or a checksum mismatch, TRUNCATED if the data ends early
     */
    static byte[] read(DataInputStream in, int minLength, int maxLength, String what) throws IOException {
        try {
            int length = in.readInt();
            if (length < minLength || length > maxLength) {
                throw new WireFormatException(Reason.CORRUPT, what + " of " + length + " bytes, expected " + minLength + ".." + maxLength);
            }
            byte[] payload = new byte[Math.min(length, FIRST_CHUNK)];
            int read = 0;
            while (read < length) {
                if (read == payload.length) {
                    payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
                }
                int n = in.read(payload, read, payload.length - read);
                if (n < 0) {
                    throw new EOFException();
                }
                read += n;
            }
            int expected = in.readInt();
            CRC32C crc = new CRC32C();
            crc.update(payload);
            if ((int) crc.getValue() != expected) {
                throw new WireFormatException(Reason.CORRUPT, what + ": section checksum mismatch, the bytes are corrupt");
            }
            return payload;
        } catch (EOFException e) {
            throw new WireFormatException(Reason.TRUNCATED, "truncated " + what + ": the data ends inside a section", e);
        }
    }
}
