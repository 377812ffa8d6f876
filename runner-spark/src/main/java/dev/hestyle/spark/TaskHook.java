package dev.hestyle.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * Called in the executor at the start of every task of a job, with what the task received. For tests and
 * diagnostics (recording what reached an executor, injecting a failure to see Spark retry the task); a job
 * without a hook runs {@link #NONE}.
 */
@FunctionalInterface
public interface TaskHook extends Serializable {
    /** Does nothing. */
    TaskHook NONE = (task, inputs) -> {
    };

    /**
     * @param task the task's description
     * @param inputs the wire-format bytes of a ciphertext it reads, by value id (the one-image job calls once per
     *               ciphertext, as the task reads it, or once with none for a task that reads none) or by image id
     *               (the batch job); must not be modified
     */
    void beforeTask(String task, Map<String, byte[]> inputs);
}
