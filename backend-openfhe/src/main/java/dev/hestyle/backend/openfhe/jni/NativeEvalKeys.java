package dev.hestyle.backend.openfhe.jni;

import java.util.Objects;

/**
 * Public, relinearisation, rotation and bootstrapping keys of one key set; never a secret. Keys are
 * exported one at a time (a bootstrapping key set is gigabytes) in hestyle's own encoding: the
 * polynomials' towers of 64-bit coefficients in evaluation format, with no field that native code
 * interprets. A set read back is assembled with {@link #create}, the {@code add*} methods and
 * {@link #seal()}; only a sealed set serves an evaluator, and closing it removes its keys from OpenFHE's
 * global maps.
 *
 * <p>Layouts, from {@code offset} to the end of the array, each polynomial as {@link RingLayout} says:
 * public key: two polynomials over the public-key moduli; key-switching key: the A polynomial of each
 * of the {@link RingLayout#keySwitchingDigits()} digits, then the B polynomial of each, over Q and P.
 */
public final class NativeEvalKeys implements AutoCloseable {
    private static final int MAX_TAG = 255;

    private final NativeHandle handle;
    private final int slots;
    private volatile boolean sealed;

    NativeEvalKeys(long address, int slots, boolean sealed) {
        this.handle = new NativeHandle(this, address, NativeEvalKeys::close, "evaluation key set");
        this.slots = slots;
        this.sealed = sealed;
    }

    /**
     * An empty, unsealed key set registered under {@code keyTag}, which the receiving side chooses
     * unique per key set (never taken from the bytes), so keys of one set cannot reach another.
     */
    public static NativeEvalKeys create(NativeContext context, String keyTag) {
        Objects.requireNonNull(keyTag, "keyTag");
        if (keyTag.isEmpty() || keyTag.length() > MAX_TAG || !keyTag.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("invalid key tag");
        }
        try (NativeHandle.Lease c = context.lease()) {
            return new NativeEvalKeys(create(c.address(), keyTag), context.slots(), false);
        }
    }

    /** Adds the public key encoded in {@code bytes} from {@code offset}; the caller validated it against the layout. */
    public void addPublicKey(byte[] bytes, int offset) {
        checkUnsealed(bytes, offset);
        try (NativeHandle.Lease lease = handle.lease()) {
            addPublicKey(lease.address(), bytes, offset);
        }
    }

    /** Adds the relinearisation key encoded in {@code bytes} from {@code offset}. */
    public void addMultKey(byte[] bytes, int offset) {
        checkUnsealed(bytes, offset);
        try (NativeHandle.Lease lease = handle.lease()) {
            addMultKey(lease.address(), bytes, offset);
        }
    }

    /** Adds the key of automorphism {@code index} (an odd number below 2N) encoded in {@code bytes} from {@code offset}. */
    public void addAutomorphismKey(int index, byte[] bytes, int offset) {
        checkUnsealed(bytes, offset);
        try (NativeHandle.Lease lease = handle.lease()) {
            addAutomorphismKey(lease.address(), index, bytes, offset);
        }
    }

    /** Makes the keys usable by evaluators; nothing can be added afterwards. */
    public synchronized void seal() {
        if (sealed) {
            return;
        }
        try (NativeHandle.Lease lease = handle.lease()) {
            seal(lease.address());
        }
        sealed = true;
    }

    public boolean isSealed() {
        return sealed;
    }

    public int slots() {
        return slots;
    }

    public String keyTag() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return keyTag(lease.address());
        }
    }

    public boolean hasPublicKey() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return hasPublicKey(lease.address());
        }
    }

    public boolean hasMultKey() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return hasMultKey(lease.address());
        }
    }

    /** Automorphism indices of the rotation (and bootstrapping) keys present, ascending. */
    public int[] automorphismIndices() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return automorphismIndices(lease.address());
        }
    }

    /** {@code header} zero bytes, then the public key in the layout {@link #addPublicKey} reads. */
    public byte[] exportPublicKey(int header) {
        try (NativeHandle.Lease lease = handle.lease()) {
            return exportPublicKey(lease.address(), header);
        }
    }

    /** {@code header} zero bytes, then the relinearisation key in the layout {@link #addMultKey} reads. */
    public byte[] exportMultKey(int header) {
        try (NativeHandle.Lease lease = handle.lease()) {
            return exportMultKey(lease.address(), header);
        }
    }

    /** {@code header} zero bytes, then the key of automorphism {@code index}. */
    public byte[] exportAutomorphismKey(int index, int header) {
        try (NativeHandle.Lease lease = handle.lease()) {
            return exportAutomorphismKey(lease.address(), index, header);
        }
    }

    NativeHandle.Lease lease() {
        return handle.lease();
    }

    @Override
    public void close() {
        handle.close();
    }

    private void checkUnsealed(byte[] bytes, int offset) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkIndex(offset, bytes.length);
        if (sealed) {
            throw new IllegalStateException("key set is sealed");
        }
    }

    private static native long create(long context, String keyTag);

    private static native void addPublicKey(long handle, byte[] bytes, int offset);

    private static native void addMultKey(long handle, byte[] bytes, int offset);

    private static native void addAutomorphismKey(long handle, int index, byte[] bytes, int offset);

    private static native void seal(long handle);

    private static native String keyTag(long handle);

    private static native boolean hasPublicKey(long handle);

    private static native boolean hasMultKey(long handle);

    private static native int[] automorphismIndices(long handle);

    private static native byte[] exportPublicKey(long handle, int header);

    private static native byte[] exportMultKey(long handle, int header);

    private static native byte[] exportAutomorphismKey(long handle, int index, int header);

    private static native void close(long handle);
}
