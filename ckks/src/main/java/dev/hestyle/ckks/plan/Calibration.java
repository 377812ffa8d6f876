package dev.hestyle.ckks.plan;

import dev.hestyle.ckks.program.ClientActivation;
import dev.hestyle.ckks.program.PlainInterpreter;
import dev.hestyle.ckks.program.Program;
import dev.hestyle.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sample inputs show when the program runs in the clear with exact ReLUs (all scale factors 1):
 * the largest magnitude after every step and of the input, and every activation's input values.
 */
final class Calibration {
    final double inputMax;
    final double[] stepMax;
    final double[] activationMax;
    final double[][] activationSamples;
    final int images;

    private Calibration(double inputMax, double[] stepMax, double[] activationMax, double[][] activationSamples, int images) {
        this.inputMax = inputMax;
        this.stepMax = stepMax;
        this.activationMax = activationMax;
        this.activationSamples = activationSamples;
        this.images = images;
    }

    /** Runs {@code unitProgram} (unit scales, one {@link ClientActivation} per ReLU) on every input. */
    static Calibration run(Program unitProgram, List<Tensor> inputs) {
        int steps = unitProgram.steps().size();
        int acts = unitProgram.clientActivations().size();
        double[] stepMax = new double[steps];
        double[] actMax = new double[acts];
        List<List<double[]>> samples = new ArrayList<>();
        for (int k = 0; k < acts; k++) {
            samples.add(new ArrayList<>());
        }
        double inputMax = 0;
        List<double[][]> packed = new ArrayList<>();
        for (Tensor t : inputs) {
            if (!t.shape().equals(unitProgram.inputLayout().shape())) {
                throw new dev.hestyle.api.UnsupportedGraphException("calibration input has shape " + t.shape() + ", the network takes "
                        + unitProgram.inputLayout().shape());
            }
            inputMax = Math.max(inputMax, t.maxAbs());
            packed.add(unitProgram.packInput(t));
        }
        PlainInterpreter.runAll(unitProgram, packed, PlainInterpreter.Activations.EXACT, (i, step, in, out) -> {
            for (int k = 0; k < in.size(); k++) {
                stepMax[i] = Math.max(stepMax[i], maxAbs(out.get(k)));
                if (step instanceof ClientActivation c) {
                    double[] v = c.layout().unpackAll(in.get(k), 1.0).data();
                    samples.get(c.index()).add(v);
                    actMax[c.index()] = Math.max(actMax[c.index()], maxAbs(v));
                }
            }
        });
        double[][] flat = new double[acts][];
        for (int k = 0; k < acts; k++) {
            flat[k] = samples.get(k).stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        }
        return new Calibration(inputMax, stepMax, actMax, flat, inputs.size());
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double maxAbs(double[][] v) {
        double m = 0;
        for (double[] x : v) {
            m = Math.max(m, maxAbs(x));
        }
        return m;
    }
}
