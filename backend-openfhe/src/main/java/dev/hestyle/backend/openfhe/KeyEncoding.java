package dev.hestyle.backend.openfhe;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.backend.openfhe.jni.NativeEvalKeys;
import dev.hestyle.backend.openfhe.jni.OpenFheNativeException;
import dev.hestyle.backend.openfhe.jni.RingLayout;
import java.nio.ByteBuffer;
import java.util.function.IntToLongFunction;

/**
 * hestyle's encoding of one evaluation key, the body of its section. Big-endian:
 * <pre>
 *   int  format (3)
 *   int  kind             1 public key, 2 key-switching key (relinearisation or automorphism)
 *   int  count            public key: 2 polynomials; key-switching key: the context's digits
 *   int  towers           public key: the public-key moduli; key-switching key: Q and P
 *   long coefficients[...][towers][N]   public key: both polynomials; key-switching key: A of
 *                                       every digit, then B of every digit; evaluation format
 * </pre>
 * Counts and sizes must equal what the receiving context derives (digits from its dnum, every tower
 * present), and every coefficient be below its modulus, before native code is called.
 */
final class KeyEncoding {
    static final int FORMAT = 3;
    static final int HEADER = 4 * Integer.BYTES;
    private static final int PUBLIC = 1;
    private static final int SWITCHING = 2;

    private KeyEncoding() {
    }

    static byte[] encodePublicKey(NativeEvalKeys keys, RingLayout layout) {
        return header(keys.exportPublicKey(HEADER), PUBLIC, 2, layout.publicKeyTowers());
    }

    static byte[] encodeMultKey(NativeEvalKeys keys, RingLayout layout) {
        return header(keys.exportMultKey(HEADER), SWITCHING, layout.keySwitchingDigits(), layout.switchingTowers());
    }

    static byte[] encodeAutomorphismKey(NativeEvalKeys keys, int index, RingLayout layout) {
        return header(keys.exportAutomorphismKey(index, HEADER), SWITCHING, layout.keySwitchingDigits(), layout.switchingTowers());
    }

    static int publicKeyLength(RingLayout layout) {
        return Math.toIntExact(HEADER + Coefficients.length(2, layout.publicKeyTowers(), layout.ringDimension()));
    }

    static int switchingKeyLength(RingLayout layout) {
        return Math.toIntExact(HEADER + Coefficients.length(2L * layout.keySwitchingDigits(), layout.switchingTowers(),
                layout.ringDimension()));
    }

    static void addPublicKey(NativeEvalKeys keys, RingLayout layout, byte[] bytes) {
        check(bytes, layout, PUBLIC, 2, layout.publicKeyTowers(), layout::publicKeyModulus, "public key");
        try {
            keys.addPublicKey(bytes, HEADER);
        } catch (OpenFheNativeException e) {
            throw rejected("public key", e);
        }
    }

    static void addMultKey(NativeEvalKeys keys, RingLayout layout, byte[] bytes) {
        checkSwitching(bytes, layout, "relinearisation key");
        try {
            keys.addMultKey(bytes, HEADER);
        } catch (OpenFheNativeException e) {
            throw rejected("relinearisation key", e);
        }
    }

    static void addAutomorphismKey(NativeEvalKeys keys, RingLayout layout, int index, byte[] bytes) {
        checkSwitching(bytes, layout, "key of automorphism " + index);
        try {
            keys.addAutomorphismKey(index, bytes, HEADER);
        } catch (OpenFheNativeException e) {
            throw rejected("key of automorphism " + index, e);
        }
    }

    private static void checkSwitching(byte[] bytes, RingLayout layout, String what) {
        check(bytes, layout, SWITCHING, layout.keySwitchingDigits(), layout.switchingTowers(), layout::switchingModulus, what);
    }

    private static void check(byte[] bytes, RingLayout layout, int kind, int count, int towers, IntToLongFunction modulus,
                              String what) {
        if (bytes.length < HEADER) {
            throw corrupt(what + " of " + bytes.length + " bytes is shorter than its header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes);
        int format = header.getInt();
        if (format != FORMAT) {
            throw new WireFormatException(Reason.UNSUPPORTED_VERSION, what + " in encoding " + format + ", this version reads " + FORMAT
                    + " only (keys in OpenFHE's own serialization, from earlier versions, are no longer accepted: generate them again)");
        }
        int gotKind = header.getInt();
        int gotCount = header.getInt();
        int gotTowers = header.getInt();
        if (gotKind != kind) {
            throw corrupt(what + " is of kind " + gotKind + ", expected " + kind);
        }
        if (gotCount != count) {
            throw corrupt(what + " has " + gotCount + (kind == PUBLIC ? " polynomials" : " digits") + ", these parameters need " + count);
        }
        if (gotTowers != towers) {
            throw corrupt(what + " has " + gotTowers + " towers, these parameters need " + towers);
        }
        int polynomials = kind == PUBLIC ? count : 2 * count;
        long length = HEADER + Coefficients.length(polynomials, towers, layout.ringDimension());
        if (bytes.length != length) {
            throw corrupt(what + " of " + bytes.length + " bytes, expected " + length);
        }
        Coefficients.check(bytes, HEADER, polynomials, towers, layout.ringDimension(), modulus, what);
    }

    private static byte[] header(byte[] bytes, int kind, int count, int towers) {
        ByteBuffer.wrap(bytes).putInt(FORMAT).putInt(kind).putInt(count).putInt(towers);
        return bytes;
    }

    private static WireFormatException rejected(String what, OpenFheNativeException e) {
        return new WireFormatException(Reason.CORRUPT, what + " rejected: " + e.getMessage(), e);
    }

    private static WireFormatException corrupt(String message) {
        return new WireFormatException(Reason.CORRUPT, message);
    }
}
