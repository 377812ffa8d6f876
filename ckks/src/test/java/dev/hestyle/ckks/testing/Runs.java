package dev.hestyle.ckks.testing;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.plan.Plan;
import dev.hestyle.ckks.graph.ClientRefresh;
import dev.hestyle.ckks.graph.LocalExecutor;
import dev.hestyle.ckks.program.ClientActivation;
import dev.hestyle.ckks.program.CountingEvaluator;
import dev.hestyle.spi.OpCounts;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Runs a plan through the interpreter on an {@link ExactEvaluator} holding only the plan's rotation keys. */
public final class Runs {
    private Runs() {
    }

    /** Output tensor, counts, output level, round trips, and the ciphertexts left open besides input and output. */
    public record Result(Tensor output, OpCounts counts, int outputLevel, int roundTrips, int leaked) {
    }

    public static Result run(Plan plan, Tensor input) {
        List<ExactCt> made = Collections.synchronizedList(new ArrayList<>());
        ExactEvaluator ev = new ExactEvaluator(plan.program().slots(), plan.keyRequest().rotations(), plan.levelsAfterBootstrap(), "test") {
            @Override
            protected ExactCt made(ExactCt ct) {
                made.add(ct);
                return ct;
            }
        };
        int[] trips = new int[1];
        ClientRefresh client = (index, cts) -> {
            trips[0]++;
            ClientActivation step = plan.program().clientActivation(index);
            Tensor t = step.layout().unpackAll(values(cts), step.inputMultiplier());
            double[] v = t.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(0, v[i]);
            }
            return encrypt(ev, step.layout().packAll(Tensor.wrap(t.shape(), v), step.outputDivisor()), plan.freshLevels());
        };
        Ct[] in = encrypt(ev, plan.program().packInput(input), plan.freshLevels());
        CountingEvaluator counting = new CountingEvaluator(ev);
        Ct[] out;
        try (LocalExecutor executor = LocalExecutor.forEvaluator(ev)) {
            out = executor.run(plan.graph(), counting, in, client, ProgressListener.NONE);
        }
        Set<Ct> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(List.of(in));
        keep.addAll(List.of(out));
        int leaked = 0;
        for (ExactCt c : made) {
            if (!keep.contains(c) && !c.isClosed()) {
                leaked++;
            }
        }
        Tensor result = plan.program().unpackOutput(values(out));
        return new Result(result, counting.counts(), out[0].level(), trips[0], leaked);
    }

    private static double[][] values(Ct[] cts) {
        double[][] v = new double[cts.length][];
        for (int i = 0; i < cts.length; i++) {
            v[i] = ((ExactCt) cts[i]).values();
        }
        return v;
    }

    private static Ct[] encrypt(ExactEvaluator ev, double[][] slots, int level) {
        Ct[] cts = new Ct[slots.length];
        for (int i = 0; i < slots.length; i++) {
            cts[i] = ev.encrypt(slots[i], level);
        }
        return cts;
    }
}
