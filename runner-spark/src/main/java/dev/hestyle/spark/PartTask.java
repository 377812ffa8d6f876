package dev.hestyle.spark;

import dev.hestyle.ckks.backend.CiphertextLevel;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.graph.ClientRefresh;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.spi.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import scala.Tuple2;

/**
 * Runs one {@link TaskSpec} in an executor: reads its input ciphertexts, runs its operations as a graph of
 * their own with the JVM's local executor, and returns the values later phases read, in the wire format.
 */
final class PartTask {
    private PartTask() {
    }

    /**
     * @param values wire-format bytes of (at least) every value the task reads
     * @return (value id, wire-format bytes) of every output of the task
     */
    static List<Tuple2<Integer, byte[]>> run(LoadedModel model, String keyId, TaskSpec task, Map<Integer, byte[]> values) {
        CiphertextLevel level = model.level();
        CtGraph part = level.graph().part(task.ops(), task.inputs(), task.outputs());
        Ct[] in = new Ct[task.inputs().length];
        Ct[] out = null;
        try {
            for (int k = 0; k < in.length; k++) {
                byte[] bytes = values.get(task.inputs()[k]);
                if (bytes == null) {
                    throw new IllegalStateException(task + " needs value " + task.inputs()[k] + ", which no earlier phase sent");
                }
                in[k] = level.read(bytes, keyId);
            }
            out = model.executor().run(part, model.evaluator(), in, ClientRefresh.NONE, ProgressListener.NONE);
            List<Tuple2<Integer, byte[]>> result = new ArrayList<>(out.length);
            for (int k = 0; k < out.length; k++) {
                result.add(new Tuple2<>(task.outputs()[k], level.write(out[k], keyId)));
            }
            return result;
        } finally {
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
