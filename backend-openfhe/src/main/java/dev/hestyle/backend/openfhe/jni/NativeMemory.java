package dev.hestyle.backend.openfhe.jni;

/**
 * The native heap as a whole. The C library keeps freed memory for reuse instead of returning it to
 * the system; closing a key set releases it (a bootstrapping key set is gigabytes), and a long-running
 * process may call {@link #releaseFreed()} at other quiet moments.
 */
public final class NativeMemory {
    private NativeMemory() {
    }

    /** Returns freed native memory to the system where the C library allows it (a no-op elsewhere). */
    public static void releaseFreed() {
        NativeLoader.load();
        releaseFreedMemory();
    }

    /**
     * Bytes the C library's allocator has handed out and not yet got back (OpenFHE's objects, the glue's
     * and the JVM's own native allocations), or -1 where the C library does not report it. Unlike
     * resident memory it does not depend on pages the allocator keeps, so it shows a leak directly.
     */
    public static long allocatedBytes() {
        NativeLoader.load();
        return allocated();
    }

    private static native void releaseFreedMemory();

    private static native long allocated();
}
