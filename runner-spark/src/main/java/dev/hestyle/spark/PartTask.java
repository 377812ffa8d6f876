package dev.hestyle.spark;

import dev.hestyle.ckks.backend.CiphertextLevel;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.graph.ClientRefresh;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.spi.ProgressListener;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * Runs one {@link TaskSpec} in an executor: reads its input ciphertexts, runs its operations as a graph of
 * their own with the JVM's local executor, and hands on the values later phases read, in the wire format.
 * Inputs are read and outputs handed on one at a time, so that a task never holds the bytes of all of them.
 */
final class PartTask {
    private PartTask() {
    }

    /**
     * @param input wire-format bytes of a value the task reads, by value id
     * @param output receives (value id, wire-format bytes) of every output of the task
     */
    static void run(LoadedModel model, String keyId, TaskSpec task, IntFunction<byte[]> input, BiConsumer<Integer, byte[]> output) {
        CiphertextLevel level = model.level();
        CtGraph part = level.graph().part(task.ops(), task.inputs(), task.outputs());
        Ct[] in = new Ct[task.inputs().length];
        Ct[] out = null;
        try {
            for (int k = 0; k < in.length; k++) {
                in[k] = level.read(input.apply(task.inputs()[k]), keyId);
            }
            // each input goes after its last reader, as in a whole-graph run: a linear layer's task reads hundreds
            out = model.executor().runConsuming(part, model.evaluator(), in, ClientRefresh.NONE, ProgressListener.NONE);
            for (int k = 0; k < out.length; k++) {
                output.accept(task.outputs()[k], level.write(out[k], keyId));
                out[k].close();
                out[k] = null;
            }
        } finally {
            // safe after runConsuming: closing a ciphertext twice does nothing
            closeAll(in);
            closeAll(out);
        }
    }

    private static void closeAll(Ct[] cts) {
        if (cts != null) {
            for (Ct c : cts) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }
}
