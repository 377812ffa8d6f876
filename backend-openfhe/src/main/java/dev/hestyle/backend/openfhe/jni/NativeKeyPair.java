package dev.hestyle.backend.openfhe.jni;

import java.util.Objects;

/**
 * A secret/public key pair, the evaluation keys generated for it, and the client's encryption and
 * decryption. Evaluation keys are generated step by step and handed out once complete
 * ({@link #evalKeys()}); closing wipes the secret key.
 */
public final class NativeKeyPair implements AutoCloseable {
    private final NativeHandle handle;
    private final ContextSpec spec;
    private boolean evalKeysIssued;

    private NativeKeyPair(long address, ContextSpec spec) {
        this.handle = new NativeHandle(this, address, NativeKeyPair::close, "key pair");
        this.spec = spec;
    }

    /** Generates a fresh secret and public key. */
    public static NativeKeyPair generate(NativeContext context) {
        try (NativeHandle.Lease c = context.lease()) {
            return new NativeKeyPair(generate(c.address()), context.spec());
        }
    }

    /**
     * A key pair read back from {@link #serializeSecretKey()} and {@link #serializePublicKey()}; it has
     * no evaluation keys beyond the public key.
     *
     * @throws OpenFheNativeException if the bytes are not such keys for {@code context}
     */
    public static NativeKeyPair restore(NativeContext context, byte[] secretKey, byte[] publicKey) {
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (secretKey.length == 0 || publicKey.length == 0) {
            throw new IllegalArgumentException("no key bytes");
        }
        try (NativeHandle.Lease c = context.lease()) {
            return new NativeKeyPair(restore(c.address(), secretKey, publicKey), context.spec());
        }
    }

    /** OpenFHE's serialization of the secret key. Whoever holds these bytes can decrypt: wipe them after use. */
    public byte[] serializeSecretKey() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return serializeSecretKey(lease.address());
        }
    }

    /** OpenFHE's serialization of the public key. */
    public byte[] serializePublicKey() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return serializePublicKey(lease.address());
        }
    }

    /** Generates the relinearisation key (needed by ciphertext multiplication and bootstrapping). */
    public synchronized void generateRelinearization() {
        checkOpenForKeys();
        try (NativeHandle.Lease lease = handle.lease()) {
            generateRelinearization(lease.address());
        }
    }

    /**
     * Generates rotation keys for left rotations of the ring's slots by {@code rotations}, each in
     * 1..N/2-1 (with N/2 slots these are the slot rotations).
     */
    public synchronized void generateRotations(int... rotations) {
        checkOpenForKeys();
        int[] checked = rotations.clone();
        for (int rotation : checked) {
            Values.rotation(rotation, spec);
        }
        try (NativeHandle.Lease lease = handle.lease()) {
            generateRotations(lease.address(), checked);
        }
    }

    /** Generates the bootstrapping keys; the context must be configured for bootstrapping. */
    public synchronized void generateBootstrapping() {
        checkOpenForKeys();
        if (!spec.bootstrapping()) {
            throw new IllegalStateException("the context is not configured for bootstrapping");
        }
        try (NativeHandle.Lease lease = handle.lease()) {
            generateBootstrapping(lease.address());
        }
    }

    /** Automorphism indices of the rotation and bootstrapping keys generated so far, ascending. */
    public synchronized int[] automorphismIndices() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return automorphismIndices(lease.address());
        }
    }

    /**
     * The generated evaluation keys (for a restored pair: the public key only); no keys can be added
     * afterwards. The caller closes the result.
     */
    public synchronized NativeEvalKeys evalKeys() {
        try (NativeHandle.Lease lease = handle.lease()) {
            long keys = evalKeys(lease.address());
            evalKeysIssued = true;
            return new NativeEvalKeys(keys, spec.slots(), true);
        }
    }

    /** OpenFHE's random tag of this key set; ciphertexts and evaluation keys carry it. */
    public String keyTag() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return keyTag(lease.address());
        }
    }

    public int slots() {
        return spec.slots();
    }

    /** Encrypts up to {@link #slots()} finite values (zero-padded) at the fresh level. */
    public NativeCiphertext encrypt(double[] values) {
        Values.slotVector(values, spec.slots(), "values");
        try (NativeHandle.Lease lease = handle.lease()) {
            return new NativeCiphertext(encrypt(lease.address(), values), spec.slots());
        }
    }

    /**
     * Decrypts to {@link #slots()} values.
     *
     * @throws OpenFheNativeException if OpenFHE finds the result meaningless (noise too large)
     */
    public double[] decrypt(NativeCiphertext ciphertext) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        try (NativeHandle.Lease lease = handle.lease(); NativeHandle.Lease ct = ciphertext.lease()) {
            return decrypt(lease.address(), ct.address());
        }
    }

    @Override
    public void close() {
        handle.close();
    }

    private void checkOpenForKeys() {
        if (evalKeysIssued) {
            throw new IllegalStateException("evaluation keys were already handed out; generate keys before evalKeys()");
        }
    }

    private static native long generate(long context);

    private static native long restore(long context, byte[] secretKey, byte[] publicKey);

    private static native byte[] serializeSecretKey(long handle);

    private static native byte[] serializePublicKey(long handle);

    private static native void generateRelinearization(long handle);

    private static native void generateRotations(long handle, int[] rotations);

    private static native int[] automorphismIndices(long handle);

    private static native void generateBootstrapping(long handle);

    private static native long evalKeys(long handle);

    private static native String keyTag(long handle);

    private static native long encrypt(long handle, double[] values);

    private static native double[] decrypt(long handle, long ciphertext);

    private static native void close(long handle);
}
