package dev.hestyle.ckks.testing;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.graph.ClientRefresh;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.ckks.graph.GraphBuilder;
import dev.hestyle.ckks.graph.LocalExecutor;
import dev.hestyle.ckks.linear.SlotMap;
import dev.hestyle.spi.ProgressListener;

/** Runs one linear map as a one-step graph on the local executor. */
public final class Graphs {
    private Graphs() {
    }

    /** The graph of {@code map} for inputs at {@code level}. */
    public static CtGraph of(SlotMap map, int slots, int level) {
        GraphBuilder b = new GraphBuilder(slots, 0, 0);
        Ct[] in = b.inputs(map.inputLayout().ciphertexts(), level);
        b.beginStep("linear at test");
        return b.build(map.emit(b, in));
    }

    /** {@code map} on {@code x} with {@code threads} threads. */
    public static Ct[] apply(SlotMap map, Evaluator ev, int threads, Ct... x) {
        try (LocalExecutor executor = new LocalExecutor(threads)) {
            return executor.run(of(map, ev.slots(), x[0].level()), ev, x, ClientRefresh.NONE, ProgressListener.NONE);
        }
    }

    /** {@code map} on one ciphertext, sequentially. */
    public static Ct apply(SlotMap map, Evaluator ev, Ct x) {
        return apply(map, ev, 1, x)[0];
    }
}
