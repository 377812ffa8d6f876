package dev.hestyle.backend.openfhe;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.IntToLongFunction;

/** Checks of encoded polynomials: every coefficient below its tower's modulus, before native code sees it. */
final class Coefficients {
    /** Bytes of one coefficient. */
    static final int BYTES = Long.BYTES;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Coefficients() {
    }

    /** Bytes of {@code polynomials} polynomials of {@code towers} towers at ring dimension {@code n}. */
    static long length(long polynomials, int towers, int n) {
        return polynomials * towers * n * BYTES;
    }

    /**
     * Checks {@code polynomials} polynomials of {@code towers} towers each, laid out one after another from
     * {@code offset}; tower {@code t} of each has modulus {@code modulus.applyAsLong(t)}.
     *
     * @return the offset after them
     * @throws WireFormatException (CORRUPT) naming the first coefficient that is not below its modulus
     */
    static int check(byte[] bytes, int offset, int polynomials, int towers, int n, IntToLongFunction modulus, String what) {
        int at = offset;
        for (int p = 0; p < polynomials; p++) {
            for (int t = 0; t < towers; t++) {
                long q = modulus.applyAsLong(t);
                for (int j = 0; j < n; j++, at += BYTES) {
                    long value = (long) LONGS.get(bytes, at);
                    // moduli are below 2^62, so an unsigned value of 2^63 or more is negative here
                    if (value < 0 || value >= q) {
                        throw new WireFormatException(Reason.CORRUPT, what + ": coefficient " + j + " of tower " + t + " of polynomial "
                                + p + " is not below its modulus");
                    }
                }
            }
        }
        return at;
    }
}
