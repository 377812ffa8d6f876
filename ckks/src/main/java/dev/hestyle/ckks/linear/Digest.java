package dev.hestyle.ckks.linear;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fast running fingerprint of plan content (two 64-bit multiply-xorshift lanes over the raw bits),
 * finished with SHA-256. Not a security primitive: it only has to change when anything in a plan does, so
 * that artifacts of another plan are refused.
 */
public final class Digest {
    private long a = 0x9E3779B97F4A7C15L;
    private long b = 0xC2B2AE3D27D4EB4FL;
    private long count;

    public Digest add(long v) {
        a = Long.rotateLeft((a ^ v) * 0xBF58476D1CE4E5B9L, 27) + 0x94D049BB133111EBL;
        b = Long.rotateLeft((b + v) * 0x94D049BB133111EBL, 31) ^ a;
        count++;
        return this;
    }

    public Digest add(double v) {
        return add(Double.doubleToLongBits(v));
    }

    public Digest add(double[] v) {
        add(v.length);
        for (double x : v) {
            add(Double.doubleToLongBits(x));
        }
        return this;
    }

    public Digest add(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        add(bytes.length);
        for (byte x : bytes) {
            add(x);
        }
        return this;
    }

    /** Hex of the first 12 bytes of SHA-256 over the lanes. */
    public String hex() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((a + ":" + b + ":" + count).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
