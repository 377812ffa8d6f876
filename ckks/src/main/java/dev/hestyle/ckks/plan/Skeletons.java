package dev.hestyle.ckks.plan;

import dev.hestyle.ckks.engine.ActivationInterval;
import dev.hestyle.ckks.linear.SlotMap;
import dev.hestyle.ckks.poly.ChebyshevSeries;
import dev.hestyle.ckks.poly.ReluFit;
import dev.hestyle.ckks.program.AddSkip;
import dev.hestyle.ckks.program.LinearStep;
import dev.hestyle.ckks.program.PlainInterpreter;
import dev.hestyle.ckks.program.PolyActivation;
import dev.hestyle.ckks.program.Program;
import dev.hestyle.ckks.program.SaveSkip;
import dev.hestyle.ckks.program.Step;
import dev.hestyle.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The non-interactive program (without bootstraps) for given ReLU depths, what it costs, and how far its output is
 * from the exact network's on a few calibration inputs: the candidates {@link ReluDepthSearch} chooses among.
 */
final class Skeletons implements ReluDepthSearch.Candidates<Program> {
    /** Calibration pixels the error is measured on (at least one input): keeps the search to seconds. */
    private static final int SEARCH_PIXELS = 4 * 32 * 32;

    private final List<Node> nodes;
    private final List<SlotMap> maps;
    private final ScaleAssignment scales;
    private final Calibration cal;
    private final Layouts layouts;
    private final List<Tensor> calibration;
    private final Function<Program, ReluDepthSearch.Cost> cost;
    private final Map<Long, ChebyshevSeries> fits = new HashMap<>();
    private List<double[][]> packed;
    private List<double[][]> exact;

    Skeletons(List<Node> nodes, List<SlotMap> maps, ScaleAssignment scales, Calibration cal, Layouts layouts, List<Tensor> calibration,
              Function<Program, ReluDepthSearch.Cost> cost) {
        this.nodes = nodes;
        this.maps = maps;
        this.scales = scales;
        this.cal = cal;
        this.layouts = layouts;
        this.calibration = calibration;
        this.cost = cost;
    }

    @Override
    public Program build(int[] depths) {
        List<Step> steps = new ArrayList<>();
        int k = 0;
        for (int j = 0; j < nodes.size(); j++) {
            Node node = nodes.get(j);
            double in = scales.multiplier[scales.inputValue(j)];
            double out = scales.multiplier[scales.valueOf[j]];
            if (node instanceof Node.Segment s) {
                steps.add(new LinearStep(s.label(), maps.get(j).scaled(in, out)));
            } else if (node instanceof Node.Activation a) {
                double bound = scales.bound[k];
                steps.add(new PolyActivation(a.label(), fit(k, depths[k]), new ActivationInterval(a.label(), bound), bound / out));
                k++;
            } else if (node instanceof Node.Save s) {
                steps.add(new SaveSkip(s.label(), s.id()));
            } else if (node instanceof Node.Add a) {
                steps.add(new AddSkip(a.label(), a.id()));
            }
        }
        return new Program(steps, layouts.input(), scales.multiplier[0], layouts.output(),
                scales.multiplier[nodes.isEmpty() ? 0 : scales.valueOf[nodes.size() - 1]]);
    }

    @Override
    public ReluDepthSearch.Cost cost(Program candidate) {
        return cost.apply(candidate);
    }

    /** Mean squared difference of the output slots from those of exact ReLUs, on evenly spaced calibration inputs. */
    @Override
    public double[] errors(List<Program> candidates) {
        Program p = candidates.get(0);
        if (packed == null) {
            int pixels = p.inputLayout().shape().height() * p.inputLayout().shape().width();
            int n = Math.max(1, Math.min(calibration.size(), SEARCH_PIXELS / pixels));
            packed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                packed.add(p.packInput(calibration.get(i * calibration.size() / n)));
            }
            exact = PlainInterpreter.runAll(p, packed, PlainInterpreter.Activations.EXACT, (i, s, a, b) -> { });
        }
        List<List<double[][]>> outputs = PlainInterpreter.runVariants(candidates, packed);
        double[] errors = new double[candidates.size()];
        for (int v = 0; v < errors.length; v++) {
            errors[v] = outputs.get(v) == null ? Double.POSITIVE_INFINITY : meanSquaredDifference(outputs.get(v), exact);
        }
        return errors;
    }

    private static double meanSquaredDifference(List<double[][]> got, List<double[][]> want) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < got.size(); i++) {
            for (int c = 0; c < got.get(i).length; c++) {
                double[] g = got.get(i)[c];
                double[] e = want.get(i)[c];
                for (int t = 0; t < g.length; t++) {
                    double d = g[t] - e[t];
                    sum += d * d;
                }
                n += g.length;
            }
        }
        return sum / Math.max(1, n);
    }

    private ChebyshevSeries fit(int k, int depth) {
        return fits.computeIfAbsent((long) k << 8 | depth,
                key -> ReluFit.fit(depth, Planner.normalised(cal.activationSamples[k], scales.bound[k])));
    }
}
