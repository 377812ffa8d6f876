package dev.hestyle.backend.openfhe.jni;

import dev.hestyle.api.EvaluationException;

/** An error reported by OpenFHE or by the native glue (a C++ exception converted at the JNI boundary). */
public class OpenFheNativeException extends EvaluationException {
    private static final long serialVersionUID = 1L;

    /** Called from native code. */
    public OpenFheNativeException(String message) {
        super(message);
    }
}
