package dev.hestyle.backend.openfhe.jni;

import java.util.Objects;

/** One CKKS ciphertext. Immutable: operations create new ciphertexts. */
public final class NativeCiphertext implements AutoCloseable {
    private final NativeHandle handle;
    private final int slots;
    private final int level;

    NativeCiphertext(long address, int slots) {
        this.handle = new NativeHandle(this, address, NativeCiphertext::close, "ciphertext");
        this.slots = slots;
        try (NativeHandle.Lease lease = handle.lease()) {
            this.level = level(lease.address());
        }
    }

    /**
     * Reads a ciphertext written by {@link #serialize()}.
     *
     * @param expectedKeyTag the key set it must belong to, or {@code ""} to accept any
     * @throws OpenFheNativeException if the bytes are not such a ciphertext for {@code context}
     */
    public static NativeCiphertext deserialize(NativeContext context, byte[] bytes, String expectedKeyTag) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(expectedKeyTag, "expectedKeyTag");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("no ciphertext bytes");
        }
        try (NativeHandle.Lease c = context.lease()) {
            return new NativeCiphertext(deserialize(c.address(), bytes, expectedKeyTag), context.slots());
        }
    }

    /** Multiplicative levels left. */
    public int level() {
        return level;
    }

    public int slots() {
        return slots;
    }

    /** OpenFHE's tag of the key set this ciphertext was encrypted under. */
    public String keyTag() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return keyTag(lease.address());
        }
    }

    /** OpenFHE's binary serialization. */
    public byte[] serialize() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return serialize(lease.address());
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

    private static native String keyTag(long handle);

    private static native long copy(long handle);

    private static native byte[] serialize(long handle);

    private static native long deserialize(long context, byte[] bytes, String expectedKeyTag);

    private static native void close(long handle);
}
