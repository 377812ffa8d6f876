package dev.hestyle.backend.openfhe;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.backend.openfhe.jni.NativeCiphertext;
import dev.hestyle.backend.openfhe.jni.NativeContext;
import dev.hestyle.backend.openfhe.jni.OpenFheNativeException;
import dev.hestyle.backend.openfhe.jni.RingLayout;
import java.nio.ByteBuffer;

/**
 * hestyle's encoding of an OpenFHE ciphertext, the body of its one section. Big-endian:
 * <pre>
 *   int    format (3)
 *   int    slots                 the parameters' slots
 *   int    towers                moduli left, 1..L+1 (a ciphertext at level l has the first L+1-l moduli of Q)
 *   int    noise scale degree    1, or 2 while a rescale is pending (at most towers)
 *   double scaling factor        exactly FLEXIBLEAUTO's factor for towers and degree
 *   long   coefficients[2][towers][N]   evaluation (NTT) format, each below its tower's modulus
 * </pre>
 * Everything is checked against the receiving context's {@link RingLayout} before any native call; the
 * ring dimension, the moduli and the key tag are never read from the bytes. Format 1 and 2 bodies were
 * OpenFHE's own serialization and are refused.
 */
final class CiphertextEncoding {
    static final int FORMAT = 3;
    static final int HEADER = 4 * Integer.BYTES + Double.BYTES;
    /**
     * Largest relative deviation of the scaling factor from its level's (the native check uses the same):
     * honest ciphertexts agree to rounding, a tampered one would decrypt to scaled values.
     */
    static final double SCALE_TOLERANCE = 1e-9;

    private CiphertextEncoding() {
    }

    static byte[] encode(NativeCiphertext ciphertext) {
        byte[] bytes = ciphertext.export(HEADER);
        ByteBuffer.wrap(bytes).putInt(FORMAT).putInt(ciphertext.slots()).putInt(ciphertext.towers())
                .putInt(ciphertext.noiseScaleDegree()).putDouble(ciphertext.scalingFactor());
        return bytes;
    }

    /** The largest body a ciphertext of {@code layout} has (all moduli). */
    static int maxLength(RingLayout layout) {
        return Math.toIntExact(HEADER + Coefficients.length(2, layout.ciphertextTowers(), layout.ringDimension()));
    }

    /**
     * Validates {@code bytes} against {@code context} and rebuilds the ciphertext over its moduli, without a
     * key tag (evaluators and decryptors bind it to theirs).
     *
     * @throws WireFormatException UNSUPPORTED_VERSION for another format, CORRUPT for any field or coefficient that does not fit
     */
    static NativeCiphertext decode(NativeContext context, byte[] bytes) {
        RingLayout layout = context.layout();
        if (bytes.length < HEADER) {
            throw corrupt("ciphertext of " + bytes.length + " bytes is shorter than its header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes);
        int format = header.getInt();
        if (format != FORMAT) {
            throw new WireFormatException(Reason.UNSUPPORTED_VERSION, "ciphertext encoding " + format + ", this version reads " + FORMAT
                    + " only (ciphertexts in OpenFHE's own serialization, from earlier versions, are no longer accepted: encrypt again)");
        }
        int slots = header.getInt();
        int towers = header.getInt();
        int degree = header.getInt();
        double scale = header.getDouble();
        if (slots != layout.slots()) {
            throw corrupt("ciphertext of " + slots + " slots, the parameters have " + layout.slots());
        }
        if (towers < 1 || towers > layout.ciphertextTowers()) {
            throw corrupt("ciphertext with " + towers + " moduli, the parameters have 1.." + layout.ciphertextTowers());
        }
        if (degree < 1 || degree > 2 || degree > towers) {
            throw corrupt("ciphertext scale degree " + degree + " with " + towers + " moduli");
        }
        double expected = layout.scalingFactor(towers, degree);
        if (!(Math.abs(scale - expected) <= SCALE_TOLERANCE * expected)) {
            throw corrupt("ciphertext scaling factor " + scale + " is not the " + expected + " of its level");
        }
        int n = layout.ringDimension();
        long length = HEADER + Coefficients.length(2, towers, n);
        if (bytes.length != length) {
            throw corrupt("ciphertext of " + bytes.length + " bytes, " + towers + " moduli need " + length);
        }
        Coefficients.check(bytes, HEADER, 2, towers, n, layout::ciphertextModulus, "ciphertext");
        try {
            return NativeCiphertext.build(context, bytes, HEADER, towers, degree, scale);
        } catch (OpenFheNativeException e) {
            throw new WireFormatException(Reason.CORRUPT, "ciphertext rejected: " + e.getMessage(), e);
        }
    }

    private static WireFormatException corrupt(String message) {
        return new WireFormatException(Reason.CORRUPT, message);
    }
}
