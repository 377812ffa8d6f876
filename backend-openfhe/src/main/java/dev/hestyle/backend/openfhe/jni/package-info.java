/**
 * The JNI layer over OpenFHE: one class per native object (context, key pair, evaluation keys,
 * ciphertext, evaluator), each owning a handle to its C++ counterpart in a file of the same name under
 * {@code src/main/cpp}, plus the loader of the glue library and {@link dev.hestyle.backend.openfhe.jni.NativeMemory}
 * for the native heap as a whole.
 *
 * <p>Rules of this layer: every argument is validated here before it reaches native code, so that bad
 * input raises a Java exception instead of crashing the JVM; every C++ exception is converted into an
 * {@link dev.hestyle.backend.openfhe.jni.OpenFheNativeException}; {@code close()} may be called twice and a
 * {@link java.lang.ref.Cleaner} frees what is not closed; a closed object raises
 * {@link java.lang.IllegalStateException}. Native code is loaded on first use, never during backend
 * discovery.
 */
package dev.hestyle.backend.openfhe.jni;
