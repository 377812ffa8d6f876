package dev.hestyle.ckks.testing;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.plan.Plan;
import dev.hestyle.ckks.program.ClientRefresh;
import dev.hestyle.ckks.program.CountingEvaluator;
import dev.hestyle.ckks.program.ProgramInterpreter;
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
        ClientRefresh client = (ct, step) -> {
            trips[0]++;
            Tensor t = step.layout().unpack(((ExactCt) ct).values(), step.inputMultiplier());
            double[] v = t.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(0, v[i]);
            }
            return ev.encrypt(step.layout().pack(Tensor.wrap(t.shape(), v), step.outputDivisor()), plan.freshLevels());
        };
        ExactCt in = ev.encrypt(plan.program().packInput(input), plan.freshLevels());
        CountingEvaluator counting = new CountingEvaluator(ev);
        Ct out = ProgramInterpreter.run(plan.program(), counting, in, client, ProgressListener.NONE);
        Set<ExactCt> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.add(in);
        keep.add((ExactCt) out);
        int leaked = 0;
        for (ExactCt c : made) {
            if (!keep.contains(c) && !c.isClosed()) {
                leaked++;
            }
        }
        Tensor result = plan.program().unpackOutput(((ExactCt) out).values());
        return new Result(result, counting.counts(), out.level(), trips[0], leaked);
    }
}
