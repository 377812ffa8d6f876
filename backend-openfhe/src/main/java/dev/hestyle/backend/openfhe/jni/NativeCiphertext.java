package dev.hestyle.backend.openfhe.jni;

import java.util.Objects;

/**
 * One CKKS ciphertext. Immutable: operations create new ciphertexts. Its polynomials leave and enter
 * through hestyle's own encoding ({@link #export}, {@link #build}): towers of 64-bit coefficients in
 * evaluation format over the context's moduli, never OpenFHE's serialization.
 */
public final class NativeCiphertext implements AutoCloseable {
    private final NativeHandle handle;
    private final int slots;
    private final int level;
    private final String keyTag;

    NativeCiphertext(long address, int slots) {
        this.handle = new NativeHandle(this, address, NativeCiphertext::close, "ciphertext");
        this.slots = slots;
        try (NativeHandle.Lease lease = handle.lease()) {
            this.level = level(lease.address());
            this.keyTag = keyTag(lease.address());
        }
    }

    /**
     * Rebuilds a ciphertext over {@code context}'s own moduli from the coefficients in {@code bytes}
     * from {@code offset} to the end: two components of {@code towers} towers of N coefficients each, 8
     * bytes big-endian. The caller has validated every field against {@link NativeContext#layout()};
     * native code checks again what memory safety depends on. The result has no key tag ({@code ""})
     * until {@link #withKeyTag} binds it.
     *
     * @throws OpenFheNativeException if the coefficients or metadata do not fit the context
     */
    public static NativeCiphertext build(NativeContext context, byte[] bytes, int offset, int towers, int noiseScaleDegree,
                                         double scalingFactor) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkIndex(offset, bytes.length);
        try (NativeHandle.Lease c = context.lease()) {
            return new NativeCiphertext(build(c.address(), bytes, offset, towers, noiseScaleDegree, scalingFactor), context.slots());
        }
    }

    /** Multiplicative levels left. */
    public int level() {
        return level;
    }

    public int slots() {
        return slots;
    }

    /** OpenFHE's tag of the key set whose keys operations on this ciphertext use; {@code ""} if unbound. */
    public String keyTag() {
        return keyTag;
    }

    /** Moduli the ciphertext still has. */
    public int towers() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return towers(lease.address());
        }
    }

    /** 1, or 2 while a rescale is pending. */
    public int noiseScaleDegree() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return noiseScaleDegree(lease.address());
        }
    }

    public double scalingFactor() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return scalingFactor(lease.address());
        }
    }

    /**
     * A new array of {@code header} zero bytes (for the caller's fields) followed by both components'
     * coefficients in the layout {@link #build} reads.
     */
    public byte[] export(int header) {
        if (header < 0) {
            throw new IllegalArgumentException("header " + header);
        }
        try (NativeHandle.Lease lease = handle.lease()) {
            return export(lease.address(), header);
        }
    }

    /** A copy whose operations use the keys registered under {@code tag} (a key set's {@link NativeEvalKeys#keyTag()}). */
    public NativeCiphertext withKeyTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        try (NativeHandle.Lease lease = handle.lease()) {
            return new NativeCiphertext(withKeyTag(lease.address(), tag), slots);
        }
    }

    /** A new handle to the same (immutable) ciphertext. */
    public NativeCiphertext copy() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return new NativeCiphertext(copy(lease.address()), slots);
        }
    }

    public boolean isClosed() {
        return handle.isClosed();
    }

    NativeHandle.Lease lease() {
        return handle.lease();
    }

    @Override
    public void close() {
        handle.close();
    }

    private static native int level(long handle);

    private static native int towers(long handle);

    private static native int noiseScaleDegree(long handle);

    private static native double scalingFactor(long handle);

    private static native String keyTag(long handle);

    private static native long copy(long handle);

    private static native long withKeyTag(long handle, String tag);

    private static native byte[] export(long handle, int header);

    private static native long build(long context, byte[] bytes, int offset, int towers, int noiseScaleDegree, double scalingFactor);

    private static native void close(long handle);
}
