package dev.hestyle.ckks.backend;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.engine.Metered;
import dev.hestyle.ckks.graph.ClientRefresh;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.ckks.graph.LocalExecutor;
import dev.hestyle.ckks.graph.StepTimes;
import dev.hestyle.ckks.program.ClientActivation;
import dev.hestyle.ckks.program.CountingEvaluator;
import dev.hestyle.ckks.program.Program;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Server;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the program with evaluation keys only. Each run counts its operations with a fresh
 * {@link CountingEvaluator}; the engine's own figures ({@link dev.hestyle.ckks.engine.Metered}) go into
 * the evaluation's details. Different runs may proceed on different threads if the engine allows it.
 */
final class CkksServer implements Server {
    private final CkksCompiledModel model;
    private final Evaluator evaluator;
    private final String keyId;
    private final LocalExecutor executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    CkksServer(CkksCompiledModel model, Evaluator evaluator, String keyId) {
        this.model = model;
        this.evaluator = evaluator;
        this.keyId = keyId;
        this.executor = LocalExecutor.forEvaluator(evaluator);
    }

    @Override
    public Evaluation run(Ciphertext input, ClientAssist assist, ProgressListener progress) {
        if (closed.get()) {
            throw new IllegalStateException("this server is closed");
        }
        Program program = model.program();
        CkksCiphertext in = mine(model.resolve(input), CkksCiphertext.INPUT);
        if (!in.shape().equals(model.inputShape())) {
            throw new WireFormatException(Reason.CORRUPT, "the network takes " + model.inputShape() + " inputs, the ciphertext holds " + in.shape());
        }
        in.expect(program.inputLayout());
        if (!program.clientActivations().isEmpty() && (assist == null || assist == ClientAssist.NONE)) {
            throw new EvaluationException("this client-aided plan needs the client at " + program.clientActivations().size()
                    + " activations, but no client assist was given");
        }
        AtomicInteger roundTrips = new AtomicInteger();
        ClientRefresh refresh = (index, cts) -> {
            ClientActivation step = program.clientActivation(index);
            roundTrips.incrementAndGet();
            Ciphertext response = assist.assist(new CkksCiphertext(cts, step.layout().shape(), step.index(), keyId, model.context()));
            CkksCiphertext r = mine(model.resolve(response), step.index());
            if (!r.shape().equals(step.layout().shape()) || r.cts().length != cts.length) {
                r.close();
                throw new WireFormatException(Reason.CORRUPT, "client returned a " + r.shape() + " tensor in " + r.cts().length
                        + " ciphertexts for activation " + step.label() + ", expected " + step.layout().shape() + " in " + cts.length);
            }
            return r.cts();
        };
        CountingEvaluator counting = new CountingEvaluator(evaluator);
        Map<String, Object> before = counting.meter();
        CtGraph graph = model.planned().graph();
        StepTimes times = new StepTimes(graph.stepCount());
        Ct[] out = executor.run(graph, counting, in.cts(), refresh,
                progress == null ? ProgressListener.NONE : progress, times);
        Map<String, Object> details = perRun(before, counting.meter());
        details.put("thread_seconds_by_step", times.bySteps(graph));
        details.put("output_level", out[0].level());
        details.put("output_ciphertexts", out.length);
        CkksCiphertext result = new CkksCiphertext(out, model.outputShape(), CkksCiphertext.OUTPUT, keyId, model.context());
        return new Evaluation(result, counting.counts(), roundTrips.get(), details);
    }

    /**
     * Engine meters accumulate their {@code *_seconds} and {@code *_count} figures over the evaluator's life (see
     * {@link dev.hestyle.ckks.engine.Metered}); a run reports its own share of those and the other figures
     * as they are. Concurrent runs on one server share the accumulated figures.
     */
    static Map<String, Object> perRun(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> run = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!Metered.accumulates(k) || !(v instanceof Number n) || !(before.get(k) instanceof Number b)) {
                run.put(k, v);
            } else if (k.endsWith(Metered.COUNTING_SUFFIX)) {
                run.put(k, n.longValue() - b.longValue());
            } else {
                run.put(k, n.doubleValue() - b.doubleValue());
            }
        });
        return run;
    }

    private CkksCiphertext mine(CkksCiphertext c, int role) {
        return c.belongingTo(keyId, role);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                executor.close();
            } finally {
                evaluator.close();
            }
        }
    }
}
