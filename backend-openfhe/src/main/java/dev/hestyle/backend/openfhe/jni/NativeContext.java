package dev.hestyle.backend.openfhe.jni;

/**
 * An OpenFHE CKKS crypto context. Creating one loads the native library. OpenFHE keeps one context per
 * distinct parameter set for the life of the process (with its bootstrapping precomputations); closing
 * this object releases only this handle.
 */
public final class NativeContext implements AutoCloseable {
    private final NativeHandle handle;
    private final ContextSpec spec;
    private volatile RingLayout layout;

    private NativeContext(long address, ContextSpec spec) {
        this.handle = new NativeHandle(this, address, NativeContext::close, "OpenFHE context");
        this.spec = spec;
    }

    /**
     * Creates the context. OpenFHE's bootstrapping setup is left to first need: generating
     * bootstrapping keys prepares its parameters, creating an evaluator also its encoded linear maps
     * (about half a minute and gigabytes at N=2^16), so a client that only encrypts and decrypts pays
     * for neither.
     *
     * @throws OpenFheNativeException if OpenFHE refuses the settings, e.g. below 128-bit security
     */
    public static NativeContext create(ContextSpec spec) {
        NativeLoader.load();
        int[] budget = spec.levelBudget().stream().mapToInt(Integer::intValue).toArray();
        long address = create(spec.logRingDimension(), spec.slots(), spec.scaleBits(), spec.firstModBits(), spec.depth(),
                spec.secure128(), spec.sparseSecret(), budget, spec.correctionFactor());
        return new NativeContext(address, spec);
    }

    public ContextSpec spec() {
        return spec;
    }

    public int slots() {
        return spec.slots();
    }

    /** Ring dimension OpenFHE uses. */
    public int ringDimension() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return ringDimension(lease.address());
        }
    }

    /** Bits of the ciphertext modulus Q of a fresh ciphertext. */
    public int modulusBits() {
        try (NativeHandle.Lease lease = handle.lease()) {
            return modulusBits(lease.address());
        }
    }

    /** The automorphism index of OpenFHE's key for a left rotation of the ring's slots by {@code rotation} (1..N/2-1). */
    public int automorphismIndex(int rotation) {
        Values.rotation(rotation, spec);
        try (NativeHandle.Lease lease = handle.lease()) {
            return automorphismIndex(lease.address(), rotation);
        }
    }

    /** The moduli, digits and scaling factors that encoded ciphertexts and keys of this context must have. */
    public RingLayout layout() {
        RingLayout known = layout;
        if (known == null) {
            try (NativeHandle.Lease lease = handle.lease()) {
                long address = lease.address();
                known = new RingLayout(ringDimension(address), spec.slots(), ciphertextModuli(address), auxiliaryModuli(address),
                        publicKeyModuli(address), keySwitchingDigits(address), scalingFactors(address));
            }
            layout = known;
        }
        return known;
    }

    NativeHandle.Lease lease() {
        return handle.lease();
    }

    @Override
    public void close() {
        handle.close();
    }

    private static native long create(int logRingDimension, int slots, int scaleBits, int firstModBits, int depth,
                                      boolean secure128, boolean sparseSecret, int[] levelBudget, int correctionFactor);

    private static native int ringDimension(long handle);

    private static native int modulusBits(long handle);

    private static native int automorphismIndex(long handle, int rotation);

    private static native long[] ciphertextModuli(long handle);

    private static native long[] auxiliaryModuli(long handle);

    private static native long[] publicKeyModuli(long handle);

    private static native int keySwitchingDigits(long handle);

    private static native double[] scalingFactors(long handle);

    private static native void close(long handle);
}
