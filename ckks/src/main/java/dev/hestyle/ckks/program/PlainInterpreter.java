package dev.hestyle.ckks.program;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.tensor.Tensor;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Program} on plain slot vectors, in double precision, with the same slot arithmetic as the
 * encrypted run (including the baby-step/giant-step rotations). Used to calibrate activation intervals
 * (with exact ReLUs, observing every step), to predict the effect of polynomial activations, and in tests.
 */
public final class PlainInterpreter {

    /** How activations are computed. */
    public enum Activations {
        /** Exact ReLU (scale factors applied); bootstraps are the identity. No interval checks. */
        EXACT,
        /** Exact ReLU, but inputs outside an activation's interval or a bootstrap's [-1, 1] are errors. */
        EXACT_CHECKED,
        /** The polynomials as the server evaluates them, with interval checks. */
        POLYNOMIAL
    }

    /** Sees every step's input and output slots (must not modify them). */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (i, s, in, out) -> { };

        void onStep(int index, Step step, double[][] input, double[][] output);
    }

    private PlainInterpreter() {
    }

    /** Packs {@code input}, runs, and unpacks the output. */
    public static Tensor run(Program program, Tensor input, Activations mode) {
        return program.unpackOutput(run(program, program.packInput(input), mode, Observer.NONE));
    }

    /**
     * Runs on stored slot values.
     *
     * @throws EvaluationException in checked modes, when a value leaves its interval
     */
    public static double[][] run(Program program, double[][] slots, Activations mode, Observer observer) {
        return runAll(program, java.util.Collections.singletonList(slots), mode, (i, step, in, out) -> observer.onStep(i, step, in.get(0), out.get(0))).get(0);
    }

    /** Sees every step's inputs and outputs for a batch of inputs (must not modify them). */
    @FunctionalInterface
    public interface BatchObserver {
        void onStep(int index, Step step, List<double[][]> inputs, List<double[][]> outputs);
    }

    /**
     * Runs a batch of inputs together: a linear map over large tensors computes each of its rows once for the
     * whole batch ({@link dev.hestyle.ckks.linear.SlotMap#applyAll}), which is what makes calibrating on many
     * images of a large size affordable.
     *
     * @throws EvaluationException in checked modes, when a value leaves its interval
     */
    public static List<double[][]> runAll(Program program, List<double[][]> inputs, Activations mode, BatchObserver observer) {
        for (double[][] slots : inputs) {
            for (double[] v : slots) {
                if (v.length != program.slots()) {
                    throw new IllegalArgumentException("program works on " + program.slots() + " slots, got " + v.length);
                }
            }
        }
        List<Map<Integer, double[][]>> skips = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            skips.add(new HashMap<>());
        }
        List<double[][]> cur = inputs;
        for (int i = 0; i < program.steps().size(); i++) {
            Step step = program.steps().get(i);
            List<double[][]> next;
            if (step instanceof LinearStep l) {
                next = l.map().applyAll(cur);
            } else {
                next = new ArrayList<>();
                for (int k = 0; k < cur.size(); k++) {
                    next.add(step(step, cur.get(k), skips.get(k), mode));
                }
            }
            observer.onStep(i, step, cur, next);
            cur = next;
        }
        return cur;
    }

    /**
     * Runs variants of one program that differ only in their polynomial activations on the same inputs, reading the
     * rows of every linear map (taken from the first variant) once for all of them.
     *
     * @return per variant, its outputs for {@code inputs}; {@code null} for a variant whose values left an interval
     */
    public static List<List<double[][]>> runVariants(List<Program> variants, List<double[][]> inputs) {
        Program first = variants.get(0);
        for (Program v : variants) {
            if (v.steps().size() != first.steps().size()) {
                throw new IllegalArgumentException("variants must have the same steps");
            }
        }
        int n = inputs.size();
        boolean[] failed = new boolean[variants.size()];
        List<double[][]> cur = new ArrayList<>();
        List<Map<Integer, double[][]>> skips = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            cur.addAll(inputs);
            for (int k = 0; k < n; k++) {
                skips.add(new HashMap<>());
            }
        }
        for (int i = 0; i < first.steps().size(); i++) {
            if (first.steps().get(i) instanceof LinearStep l) {
                cur = l.map().applyAll(cur);
                continue;
            }
            List<double[][]> next = new ArrayList<>();
            for (int e = 0; e < cur.size(); e++) {
                int v = e / n;
                Step step = variants.get(v).steps().get(i);
                if (step instanceof LinearStep || step.getClass() != first.steps().get(i).getClass()) {
                    throw new IllegalArgumentException("variants differ in more than their activations at step " + i);
                }
                double[][] out = cur.get(e);
                if (!failed[v]) {
                    try {
                        out = step(step, cur.get(e), skips.get(e), Activations.POLYNOMIAL);
                    } catch (EvaluationException x) {
                        failed[v] = true;
                    }
                }
                next.add(out);
            }
            cur = next;
        }
        List<List<double[][]>> out = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            out.add(failed[v] ? null : new ArrayList<>(cur.subList(v * n, (v + 1) * n)));
        }
        return out;
    }

    /** One step other than a linear map on one input. */
    private static double[][] step(Step step, double[][] cur, Map<Integer, double[][]> skips, Activations mode) {
        double[][] next;
        if (step instanceof PolyActivation p) {
            next = new double[cur.length][];
            for (int k = 0; k < cur.length; k++) {
                next[k] = activate(p, cur[k], mode);
            }
        } else if (step instanceof ClientActivation c) {
            next = new double[cur.length][];
            for (int k = 0; k < cur.length; k++) {
                next[k] = c.apply(cur[k]);
            }
        } else if (step instanceof Bootstrap b) {
            if (mode != Activations.EXACT) {
                for (int k = 0; k < cur.length; k++) {
                    for (int s = 0; s < cur[k].length; s++) {
                        if (Math.abs(cur[k][s]) > 1) {
                            throw new EvaluationException("bootstrap input outside [-1, 1] at " + b.label() + ": ciphertext " + k + " slot " + s
                                    + " holds " + cur[k][s]);
                        }
                    }
                }
            }
            next = cur;
        } else if (step instanceof SaveSkip k) {
            skips.put(k.id(), cur);
            next = cur;
        } else if (step instanceof AddSkip k) {
            double[][] skip = skips.remove(k.id());
            if (skip == null) {
                throw new IllegalStateException("program adds skip " + k.id() + " that was never saved");
            }
            next = new double[cur.length][];
            for (int c = 0; c < next.length; c++) {
                next[c] = new double[cur[c].length];
                for (int s = 0; s < next[c].length; s++) {
                    next[c][s] = cur[c][s] + skip[c][s];
                }
            }
        } else {
            throw new IllegalStateException("unknown step " + step);
        }
        return next;
    }

    private static double[] activate(PolyActivation p, double[] x, Activations mode) {
        double[] out = new double[x.length];
        if (mode == Activations.EXACT) {
            for (int s = 0; s < x.length; s++) {
                out[s] = Math.max(0, x[s]) * p.outputFactor();
            }
            return out;
        }
        for (int s = 0; s < x.length; s++) {
            if (!p.interval().contains(x[s])) {
                throw new EvaluationException(p.interval().violation(s, x[s]));
            }
        }
        if (mode == Activations.EXACT_CHECKED) {
            for (int s = 0; s < x.length; s++) {
                out[s] = Math.max(0, x[s]) * p.outputFactor();
            }
            return out;
        }
        var series = p.evaluated();
        for (int s = 0; s < x.length; s++) {
            out[s] = series.value(x[s]);
        }
        return out;
    }
}
