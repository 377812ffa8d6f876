package dev.hestyle.ckks.graph;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.spi.ProgressListener;

/**
 * Runs a {@link CtGraph}. The local executor ({@link LocalExecutor}) runs independent operations on the
 * cores of one machine; a distributed one may run them elsewhere, as long as every operation gets the
 * values it reads and the results are the same.
 */
public interface GraphExecutor {

    /**
     * Evaluates {@code graph} on {@code inputs} (one per graph input; never closed). Every intermediate value is
     * closed after its last use; the returned ciphertexts (one per graph output) belong to the caller.
     *
     * @param client performs {@link OpKind#CLIENT} operations ({@link ClientRefresh#NONE} if there are none)
     * @param progress receives {@code ("eval", done, total)} in operations
     * @param times receives the time of every operation, or {@code null}
     * @throws dev.hestyle.api.EvaluationException if the engine refuses an operation; names the step it belongs to
     */
    Ct[] run(CtGraph graph, Evaluator ev, Ct[] inputs, ClientRefresh client, ProgressListener progress, StepTimes times);

    /** {@link #run(CtGraph, Evaluator, Ct[], ClientRefresh, ProgressListener, StepTimes)} without timing. */
    default Ct[] run(CtGraph graph, Evaluator ev, Ct[] inputs, ClientRefresh client, ProgressListener progress) {
        return run(graph, ev, inputs, client, progress, null);
    }
}
