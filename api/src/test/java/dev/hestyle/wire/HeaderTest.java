package dev.hestyle.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeaderTest {
    private static final Header CT = new Header(ArtifactKind.CIPHERTEXT, "openfhe", "abc123", "key-1");

    private static byte[] artifact(Header h, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        h.write(out);
        Sections.write(out, payload);
        out.flush();
        return bytes.toByteArray();
    }

    private static DataInputStream in(byte[] b) {
        return new DataInputStream(new ByteArrayInputStream(b));
    }

    @Test
    void roundTrip() throws IOException {
        byte[] payload = {1, 2, 3, 4, 5};
        DataInputStream in = in(artifact(CT, payload));
        assertEquals(CT, Header.read(in).expect(ArtifactKind.CIPHERTEXT, "openfhe", "abc123", "key-1"));
        assertArrayEquals(payload, Sections.read(in, 100));
    }

    @Test
    void refusesEachKindOfMismatch() throws IOException {
        Header read = Header.read(in(artifact(CT, new byte[0])));
        assertReason(Reason.WRONG_KIND, () -> read.expect(ArtifactKind.EVALUATION_KEYS, "openfhe", "abc123", null));
        assertReason(Reason.WRONG_BACKEND, () -> read.expect(ArtifactKind.CIPHERTEXT, "seal", "abc123", null));
        assertReason(Reason.PARAMETER_MISMATCH, () -> read.expect(ArtifactKind.CIPHERTEXT, "openfhe", "other", null));
        assertReason(Reason.KEY_MISMATCH, () -> read.expect(ArtifactKind.CIPHERTEXT, "openfhe", "abc123", "key-2"));
    }

    @Test
    void secretKeyMaterialIsNamedAsSuch() throws IOException {
        Header secret = Header.read(in(artifact(new Header(ArtifactKind.SECRET_KEY, "openfhe", "abc123", "key-1"), new byte[0])));
        assertReason(Reason.SECRET_MATERIAL, () -> secret.expect(ArtifactKind.EVALUATION_KEYS, "openfhe", "abc123", null));
    }

    @Test
    void badMagicVersionTruncationAndCorruption() throws IOException {
        byte[] good = artifact(CT, new byte[] {9, 8, 7, 6});
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertReason(Reason.BAD_MAGIC, () -> Header.read(in(magic)));
        byte[] version = good.clone();
        version[Header.MAGIC.length + 1] = 99;
        assertReason(Reason.UNSUPPORTED_VERSION, () -> Header.read(in(version)));
        assertReason(Reason.TRUNCATED, () -> Header.read(in(Arrays.copyOf(good, 9))));
        DataInputStream cut = in(Arrays.copyOf(good, good.length - 2));
        Header.read(cut);
        assertReason(Reason.TRUNCATED, () -> Sections.read(cut, 100));
        byte[] flipped = good.clone();
        flipped[good.length - 5] ^= 0x10;
        DataInputStream corrupt = in(flipped);
        Header.read(corrupt);
        assertReason(Reason.CORRUPT, () -> Sections.read(corrupt, 100));
        DataInputStream tooLong = in(good);
        Header.read(tooLong);
        assertReason(Reason.CORRUPT, () -> Sections.read(tooLong, 2));
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void assertReason(Reason reason, Io action) {
        WireFormatException e = assertThrows(WireFormatException.class, action::run);
        assertEquals(reason, e.reason(), e.getMessage());
    }

    @Test
    void headerStringsMustBeUtf8() throws IOException {
        byte[] good = artifact(CT, new byte[0]);
        byte[] bad = good.clone();
        bad[10] = (byte) 0xFF; // first byte of the backend name
        assertReason(Reason.CORRUPT, () -> Header.read(in(bad)));
    }

    @Test
    void aLargeLengthPrefixOverFewBytesIsTruncatedWithoutAllocatingIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(Integer.MAX_VALUE - 16);
        out.write(new byte[100]);
        out.flush();
        // far beyond the test JVM's heap if it were allocated up front
        assertReason(Reason.TRUNCATED, () -> Sections.read(in(bytes.toByteArray()), Integer.MAX_VALUE - 8));
    }

    @Test
    void sectionsLargerThanTheFirstChunkRoundTrip() throws IOException {
        byte[] payload = new byte[(3 << 20) + 5];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        DataInputStream in = in(artifact(CT, payload));
        Header.read(in);
        assertArrayEquals(payload, Sections.read(in, payload.length));
    }
}
