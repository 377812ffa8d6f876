package dev.hestyle.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.wire.Header;
import dev.hestyle.wire.Sections;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The envelope on its own: a header, then sections to the end. What is accepted must survive a write/read round
 * trip byte for byte, and a header must accept exactly what it names.
 */
class WireFuzzTest {
    /**
     * The largest bound a caller passes (OpenFHE key sections at 128 bits): a length prefix up to it, over a few bytes,
     * must be refused as truncated without allocating what it claims.
     */
    private static final int MAX_SECTION = Integer.MAX_VALUE - 16;

    @FuzzTest
    void headerAndSections(byte[] bytes) {
        Refusals.onlyAs(WireFormatException.class, () -> {
            ByteArrayInputStream raw = new ByteArrayInputStream(bytes);
            DataInputStream in = new DataInputStream(raw);
            Header h = Header.read(in);
            int consumed = bytes.length - raw.available();
            assertArrayEquals(Arrays.copyOf(bytes, consumed), written(h::write), "a header read must write back as its bytes");
            assertEquals(h, h.expect(h.kind(), h.backend(), h.parameterHash(), h.keyId()));
            while (raw.available() > 0) {
                int start = bytes.length - raw.available();
                byte[] payload = Sections.read(in, MAX_SECTION);
                int end = bytes.length - raw.available();
                assertArrayEquals(Arrays.copyOfRange(bytes, start, end), written(out -> Sections.write(out, payload)),
                        "a section read must write back as its bytes");
            }
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] written(Writer w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        w.write(out);
        out.flush();
        return b.toByteArray();
    }
}
