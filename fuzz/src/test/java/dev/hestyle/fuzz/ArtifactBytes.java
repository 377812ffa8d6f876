package dev.hestyle.fuzz;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Repairs section checksums of a mutated artifact, so that mutations reach the body decoders behind the checksum
 * instead of stopping at it: after the header, each section whose length prefix fits in the bytes gets the CRC32C
 * of its payload. Bytes that do not parse that far are left as they are.
 */
final class ArtifactBytes {
    /** Magic (6), format version (2) and kind (1) come before the header's three length-prefixed strings. */
    private static final int HEADER_FIXED = 9;
    private static final int HEADER_STRINGS = 3;

    private ArtifactBytes() {
    }

    /** A copy of {@code artifact} with every reachable section checksum made valid. */
    static byte[] resealed(byte[] artifact) {
        byte[] b = artifact.clone();
        int pos = HEADER_FIXED;
        for (int i = 0; i < HEADER_STRINGS && pos < b.length; i++) {
            pos += 1 + (b[pos] & 0xFF);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (pos + Integer.BYTES <= b.length) {
            int length = buf.getInt(pos);
            long end = (long) pos + Integer.BYTES + length;
            if (length < 0 || end + Integer.BYTES > b.length) {
                break;
            }
            CRC32C crc = new CRC32C();
            crc.update(b, pos + Integer.BYTES, length);
            buf.putInt((int) end, (int) crc.getValue());
            pos = (int) end + Integer.BYTES;
        }
        return b;
    }
}
