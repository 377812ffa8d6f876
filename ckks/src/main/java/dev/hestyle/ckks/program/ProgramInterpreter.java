package dev.hestyle.ckks.program;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.api.HestyleException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.ckks.parallel.Workers;
import dev.hestyle.ckks.poly.ChebyshevEvaluator;
import dev.hestyle.spi.ProgressListener;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Runs a {@link Program} on an {@link Evaluator}. Intermediate ciphertexts are closed as soon as nothing
 * needs them (native engines hold megabytes per ciphertext); the caller's input is never closed, and the
 * result belongs to the caller. Failures name the step they happened at. Linear maps use a small pool of
 * threads owned by the run ({@link Workers#forEvaluator}) when the evaluator allows concurrent use.
 */
public final class ProgramInterpreter {
    private final Evaluator ev;
    private final Workers workers;
    private final Ct input;
    private final ClientRefresh client;
    private final Map<Integer, Ct> skips = new HashMap<>();
    /** Ciphertexts that must survive the step that consumes them: the input and saved skips. */
    private final Map<Ct, Boolean> pinned = new IdentityHashMap<>();

    private ProgramInterpreter(Evaluator ev, Workers workers, Ct input, ClientRefresh client) {
        this.ev = ev;
        this.workers = workers;
        this.input = input;
        this.client = client;
        pinned.put(input, true);
    }

    /**
     * Evaluates {@code program} on {@code input}.
     *
     * @param client performs {@link ClientActivation}s ({@link ClientRefresh#NONE} if there are none)
     * @param progress receives {@code ("eval", step, steps)}
     * @throws EvaluationException if the engine refuses an operation or an activation input leaves its interval
     */
    public static Ct run(Program program, Evaluator ev, Ct input, ClientRefresh client, ProgressListener progress) {
        if (ev.slots() != program.slots()) {
            throw new EvaluationException("the evaluator works on " + ev.slots() + " slots but the program was planned for " + program.slots());
        }
        try (Workers workers = Workers.forEvaluator(ev)) {
            return new ProgramInterpreter(ev, workers, input, client).run(program, progress);
        }
    }

    private Ct run(Program program, ProgressListener progress) {
        Ct cur = input;
        int total = program.steps().size();
        try {
            for (int i = 0; i < total; i++) {
                Step step = program.steps().get(i);
                Ct next;
                try {
                    next = execute(step, cur);
                } catch (EvaluationException e) {
                    throw new EvaluationException(where(i, step) + ": " + e.getMessage(), e);
                } catch (HestyleException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new EvaluationException(where(i, step) + " failed: " + e, e);
                }
                if (next != cur && !pinned.containsKey(cur)) {
                    cur.close();
                }
                cur = next;
                progress.onProgress("eval", i + 1, total);
            }
            Ct result = cur;
            cur = null;
            return result;
        } finally {
            if (cur != null && !pinned.containsKey(cur)) {
                cur.close();
            }
            for (Ct s : skips.values()) {
                if (s != input) {
                    s.close();
                }
            }
        }
    }

    private static String where(int i, Step step) {
        return "step " + i + " (" + step.kind() + " at " + step.label() + ")";
    }

    private Ct execute(Step step, Ct cur) {
        if (step instanceof LinearStep l) {
            return l.map().apply(ev, cur, workers);
        }
        if (step instanceof PolyActivation p) {
            if (ev instanceof RangeCheck rc) {
                rc.checkActivationInput(cur, p.interval());
            }
            return ChebyshevEvaluator.evaluate(ev, cur, p.evaluated());
        }
        if (step instanceof ClientActivation c) {
            return client.refresh(cur, c);
        }
        if (step instanceof Bootstrap) {
            return ev.bootstrap(cur);
        }
        if (step instanceof SaveSkip k) {
            skips.put(k.id(), cur);
            pinned.put(cur, true);
            return cur;
        }
        if (step instanceof AddSkip k) {
            Ct skip = skips.get(k.id());
            if (skip == null) {
                throw new IllegalStateException("program adds skip " + k.id() + " that was never saved");
            }
            Ct sum = ev.add(cur, skip);
            skips.remove(k.id());
            if (!skips.containsValue(skip) && skip != input) {
                pinned.remove(skip);
                if (skip != cur) {
                    skip.close();
                }
            }
            return sum;
        }
        throw new IllegalStateException("unknown step " + step);
    }
}
