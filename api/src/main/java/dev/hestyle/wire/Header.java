package dev.hestyle.wire;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The header every artifact starts with: magic {@code "HSTYLE"}, format version, kind, backend name,
 * parameter hash and key id.
 *
 * @param kind what follows
 * @param backend the backend that wrote it
 * @param parameterHash digest of the encryption parameters and plan (hex)
 * @param keyId the key set it belongs to ({@code ""} for parameters)
 */
public record Header(ArtifactKind kind, String backend, String parameterHash, String keyId) {
    static final byte[] MAGIC = "HSTYLE".getBytes(StandardCharsets.US_ASCII);
    /** Current format version; readers refuse any other. */
    public static final int VERSION = 1;
    private static final int MAX_STRING = 255;

    public Header {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(parameterHash, "parameterHash");
        Objects.requireNonNull(keyId, "keyId");
    }

    public void write(DataOutputStream out) throws IOException {
        out.write(MAGIC);
        out.writeShort(VERSION);
        out.writeByte(kind.code());
        writeString(out, backend);
        writeString(out, parameterHash);
        writeString(out, keyId);
    }

    /** Reads and structurally validates a header. */
    public static Header read(DataInputStream in) throws IOException {
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new WireFormatException(Reason.BAD_MAGIC, "not a hestyle artifact (bad magic bytes)");
            }
            int version = in.readUnsignedShort();
            if (version != VERSION) {
                throw new WireFormatException(Reason.UNSUPPORTED_VERSION,
                        "unsupported hestyle format version " + version + " (this build reads version " + VERSION + ")");
            }
            int code = in.readUnsignedByte();
            ArtifactKind kind = ArtifactKind.of(code);
            if (kind == null) {
                throw new WireFormatException(Reason.CORRUPT, "unknown artifact kind " + code);
            }
            return new Header(kind, readString(in), readString(in), readString(in));
        } catch (EOFException e) {
            throw new WireFormatException(Reason.TRUNCATED, "truncated header", e);
        }
    }

    /**
     * Checks that this header is what the reader expects.
     *
     * @param expectedKeyId the key id required, or {@code null} to accept any
     */
    public Header expect(ArtifactKind expectedKind, String expectedBackend, String expectedParameterHash, String expectedKeyId) {
        if (kind == ArtifactKind.SECRET_KEY && expectedKind != ArtifactKind.SECRET_KEY) {
            throw new WireFormatException(Reason.SECRET_MATERIAL, "refusing secret-key material where " + expectedKind + " was expected");
        }
        if (kind != expectedKind) {
            throw new WireFormatException(Reason.WRONG_KIND, "expected " + expectedKind + " but got " + kind);
        }
        if (!backend.equals(expectedBackend)) {
            throw new WireFormatException(Reason.WRONG_BACKEND, "artifact was written by backend '" + backend + "', expected '" + expectedBackend + "'");
        }
        if (!parameterHash.equals(expectedParameterHash)) {
            throw new WireFormatException(Reason.PARAMETER_MISMATCH, "artifact was made for other parameters (hash " + parameterHash
                    + ", expected " + expectedParameterHash + ")");
        }
        if (expectedKeyId != null && !keyId.equals(expectedKeyId)) {
            throw new WireFormatException(Reason.KEY_MISMATCH, "artifact belongs to key set " + keyId + ", expected " + expectedKeyId);
        }
        return this;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING) {
            throw new IllegalArgumentException("header string too long: " + s);
        }
        out.writeByte(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readUnsignedByte();
        byte[] b = new byte[n];
        in.readFully(b);
        try {
            // strict: a lenient decoder would replace bad bytes, and the header would not write back as it was read
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException(Reason.CORRUPT, "header string is not valid UTF-8", e);
        }
    }
}
