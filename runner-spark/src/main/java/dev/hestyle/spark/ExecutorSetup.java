package dev.hestyle.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything an executor is told about a job: how to compile the model, where the evaluation keys are, and
 * what the driver's compiled model hashes to. Small and public: this is what every task closure carries.
 *
 * @param model how to compile the model
 * @param evalKeysPath path or URI of the evaluation keys, readable by every executor (a distributed file system)
 * @param keyId the key set those keys and every ciphertext of the job belong to
 * @param parameterHash the driver's {@link dev.hestyle.ckks.backend.CiphertextLevel#parameterHash()}
 */
public record ExecutorSetup(ModelSpec model, String evalKeysPath, String keyId, String parameterHash) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ExecutorSetup {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(evalKeysPath, "evalKeysPath");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(parameterHash, "parameterHash");
    }

    /** What identifies one cached model and key set in an executor JVM. */
    String cacheKey() {
        return evalKeysPath + "@" + parameterHash;
    }
}
