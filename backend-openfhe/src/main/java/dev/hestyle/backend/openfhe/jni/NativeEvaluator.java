package dev.hestyle.backend.openfhe.jni;

import java.util.Objects;

/**
 * Homomorphic operations with one sealed evaluation key set. Safe for concurrent use: operations only
 * read shared state and never modify their inputs. Every multiplication consumes one level (OpenFHE's
 * FLEXIBLEAUTO rescaling); additions of different levels give the lower one.
 */
public final class NativeEvaluator implements AutoCloseable {
    private final NativeHandle handle;
    private final ContextSpec spec;

    private NativeEvaluator(long address, ContextSpec spec) {
        this.handle = new NativeHandle(this, address, NativeEvaluator::close, "evaluator");
        this.spec = spec;
    }

    /** An evaluator in {@code context} with {@code keys}, which must be sealed; it keeps them alive. */
    public static NativeEvaluator create(NativeContext context, NativeEvalKeys keys) {
        Objects.requireNonNull(keys, "keys");
        if (!keys.isSealed()) {
            throw new IllegalStateException("evaluation keys must be sealed first");
        }
        if (keys.slots() != context.slots()) {
            throw new IllegalArgumentException("evaluation keys are for " + keys.slots() + " slots, the context has " + context.slots());
        }
        try (NativeHandle.Lease c = context.lease(); NativeHandle.Lease k = keys.lease()) {
            return new NativeEvaluator(create(c.address(), k.address()), context.spec());
        }
    }

    public int slots() {
        return spec.slots();
    }

    public NativeCiphertext add(NativeCiphertext a, NativeCiphertext b) {
        checkPair(a, b);
        try (var e = handle.lease(); var x = a.lease(); var y = b.lease()) {
            return result(add(e.address(), x.address(), y.address()));
        }
    }

    public NativeCiphertext sub(NativeCiphertext a, NativeCiphertext b) {
        checkPair(a, b);
        try (var e = handle.lease(); var x = a.lease(); var y = b.lease()) {
            return result(sub(e.address(), x.address(), y.address()));
        }
    }

    public NativeCiphertext addConst(NativeCiphertext a, double constant) {
        check(a);
        Values.finite(constant, "constant");
        try (var e = handle.lease(); var x = a.lease()) {
            return result(addConst(e.address(), x.address(), constant));
        }
    }

    public NativeCiphertext addPlain(NativeCiphertext a, double[] values) {
        check(a);
        Values.slotVector(values, spec.slots(), "plaintext");
        try (var e = handle.lease(); var x = a.lease()) {
            return result(addPlain(e.address(), x.address(), values));
        }
    }

    public NativeCiphertext mulConst(NativeCiphertext a, double constant) {
        checkMultiplicand(a);
        Values.finite(constant, "constant");
        try (var e = handle.lease(); var x = a.lease()) {
            return result(mulConst(e.address(), x.address(), constant));
        }
    }

    /**
     * {@code a} (at scale degree 2, as a product is before FLEXIBLEAUTO rescales it) rescaled to degree 1, with
     * the same levels left. OpenFHE rescales such an input again in every product that reads it; products
     * and rotations of this copy skip that work.
     */
    public NativeCiphertext rescaled(NativeCiphertext a) {
        check(a);
        if (a.noiseScaleDegree() < 2) {
            throw new IllegalArgumentException("ciphertext is already at scale degree 1");
        }
        try (var e = handle.lease(); var x = a.lease()) {
            return result(rescale(e.address(), x.address()));
        }
    }

    public NativeCiphertext mulPlain(NativeCiphertext a, double[] values) {
        checkMultiplicand(a);
        Values.slotVector(values, spec.slots(), "plaintext");
        try (var e = handle.lease(); var x = a.lease()) {
            return result(mulPlain(e.address(), x.address(), values));
        }
    }

    /** Ciphertext product with relinearisation; needs the relinearisation key. */
    public NativeCiphertext mul(NativeCiphertext a, NativeCiphertext b) {
        checkPair(a, b);
        checkMultiplicand(a);
        checkMultiplicand(b);
        try (var e = handle.lease(); var x = a.lease(); var y = b.lease()) {
            return result(mul(e.address(), x.address(), y.address()));
        }
    }

    /** Left rotation of the ring's slots by {@code rotation} in 1..N/2-1; needs that rotation key. */
    public NativeCiphertext rotate(NativeCiphertext a, int rotation) {
        check(a);
        Values.rotation(rotation, spec);
        try (var e = handle.lease(); var x = a.lease()) {
            return result(rotate(e.address(), x.address(), rotation));
        }
    }

    /** Left rotations by each of {@code rotations} (1..N/2-1) sharing one key-switching decomposition. */
    public NativeCiphertext[] rotateHoisted(NativeCiphertext a, int[] rotations) {
        check(a);
        int[] checked = Objects.requireNonNull(rotations, "rotations").clone();
        for (int rotation : checked) {
            Values.rotation(rotation, spec);
        }
        long[] addresses;
        try (var e = handle.lease(); var x = a.lease()) {
            addresses = rotateHoisted(e.address(), x.address(), checked);
        }
        NativeCiphertext[] rotated = new NativeCiphertext[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            rotated[i] = result(addresses[i]);
        }
        return rotated;
    }

    /**
     * Refreshes {@code a}; slot values must lie in [-1, 1]. Needs bootstrapping keys, and one level of
     * {@code a}: OpenFHE first adjusts the input's scale with a multiplication.
     */
    public NativeCiphertext bootstrap(NativeCiphertext a) {
        check(a);
        if (!spec.bootstrapping()) {
            throw new IllegalStateException("the context is not configured for bootstrapping");
        }
        if (a.level() < 1) {
            throw new IllegalArgumentException("bootstrapping needs a ciphertext with a level left");
        }
        try (var e = handle.lease(); var x = a.lease()) {
            return result(bootstrap(e.address(), x.address()));
        }
    }

    @Override
    public void close() {
        handle.close();
    }

    private NativeCiphertext result(long address) {
        return new NativeCiphertext(address, spec.slots());
    }

    private void check(NativeCiphertext a) {
        Objects.requireNonNull(a, "ciphertext");
        if (a.slots() != spec.slots()) {
            throw new IllegalArgumentException("ciphertext has " + a.slots() + " slots, the evaluator " + spec.slots());
        }
    }

    private void checkPair(NativeCiphertext a, NativeCiphertext b) {
        check(a);
        check(b);
    }

    private void checkMultiplicand(NativeCiphertext a) {
        check(a);
        if (a.level() < 1) {
            throw new IllegalArgumentException("ciphertext has no level left for a multiplication");
        }
    }

    private static native long create(long context, long keys);

    private static native long add(long handle, long a, long b);

    private static native long sub(long handle, long a, long b);

    private static native long addConst(long handle, long a, double constant);

    private static native long addPlain(long handle, long a, double[] values);

    private static native long mulConst(long handle, long a, double constant);

    private static native long mulPlain(long handle, long a, double[] values);

    private static native long rescale(long handle, long a);

    private static native long mul(long handle, long a, long b);

    private static native long rotate(long handle, long a, int rotation);

    private static native long[] rotateHoisted(long handle, long a, int[] rotations);

    private static native long bootstrap(long handle, long a);

    private static native void close(long handle);
}
