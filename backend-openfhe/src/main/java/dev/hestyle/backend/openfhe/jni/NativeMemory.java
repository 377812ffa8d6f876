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

    private static native void releaseFreedMemory();
}
