package dev.hestyle.backend.openfhe.jni;

import java.util.Objects;

/**
 * Public, relinearisation, rotation and bootstrapping keys of one key set; never a secret. Keys are
 * serialized one at a time (a bootstrapping key set is gigabytes). A set read back is assembled with
 * {@link #create}, the {@code add*} methods and {@link #seal()}; only a sealed set serves an evaluator.
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

    /** An empty, unsealed key set for {@code keyTag} (from a serialized key set). */
    public static NativeEvalKeys create(NativeContext context, String keyTag) {
        Objects.requireNonNull(keyTag, "keyTag");
        if (keyTag.isEmpty() || keyTag.length() > MAX_TAG || !keyTag.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("invalid key tag");
        }
        try (NativeHandle.Lease c = context.lease()) {
            return new NativeEvalKeys(create(c.address(), keyTag), context.slots(), false);
        }
    }

    /** Adds the serialized public key; it must belong to this context and key tag. */
    public void addPublicKey(byte[] bytes) {
        checkUnsealed(bytes);
        try (NativeHandle.Lease lease = handle.lease()) {
            addPublicKey(lease.address(), bytes);
        }
    }

    /** Adds the serialized relinearisation key. */
    public void addMultKey(byte[] bytes) {
        checkUnsealed(bytes);
        try (NativeHandle.Lease lease = handle.lease()) {
            addMultKey(lease.address(), bytes);
        }
    }

    /** Adds the serialized key of automorphism {@code index} (an odd number below 2N). */
    public void addAutomorphismKey(int index, byte[] bytes) {
        checkUnsealed(bytes);
        try (NativeHandle.Lease lease = handle.lease()) {
            addAutomorphismKey(lease.address(), index, bytes);
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

    public byte[] serializePublicKey() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return serializePublicKey(lease.address());
        }
    }

    public byte[] serializeMultKey() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return serializeMultKey(lease.address());
        }
    }

    public byte[] serializeAutomorphismKey(int index) {
        try (NativeHandle.Lease lease = handle.lease()) {
            return serializeAutomorphismKey(lease.address(), index);
        }
    }

    /** Total bytes of all serialized keys, counted without materialising them. */
    public long serializedSize() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return serializedSize(lease.address());
        }
    }

    NativeHandle.Lease lease() {
        return handle.lease();
    }

    @Override
    public void close() {
        handle.close();
    }

    private void checkUnsealed(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("no key bytes");
        }
        if (sealed) {
            throw new IllegalStateException("key set is sealed");
        }
    }

    private static native long create(long context, String keyTag);

    private static native void addPublicKey(long handle, byte[] bytes);

    private static native void addMultKey(long handle, byte[] bytes);

    private static native void addAutomorphismKey(long handle, int index, byte[] bytes);

    private static native void seal(long handle);

    private static native String keyTag(long handle);

    private static native boolean hasPublicKey(long handle);

    private static native boolean hasMultKey(long handle);

    private static native int[] automorphismIndices(long handle);

    private static native byte[] serializePublicKey(long handle);

    private static native byte[] serializeMultKey(long handle);

    private static native byte[] serializeAutomorphismKey(long handle, int index);

    private static native long serializedSize(long handle);

    private static native void close(long handle);
}
