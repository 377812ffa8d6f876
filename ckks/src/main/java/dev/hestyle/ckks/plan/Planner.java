package dev.hestyle.ckks.plan;

import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.layout.SlotLayout;
import dev.hestyle.ckks.linear.BlockLinearMap;
import dev.hestyle.ckks.linear.BsgsSplit;
import dev.hestyle.ckks.linear.Digest;
import dev.hestyle.ckks.linear.LinearMap;
import dev.hestyle.ckks.linear.SlotMap;
import dev.hestyle.ckks.linear.SlotMatrix;
import dev.hestyle.ckks.linear.TensorAffine;
import dev.hestyle.ckks.program.AddSkip;
import dev.hestyle.ckks.program.ClientActivation;
import dev.hestyle.ckks.program.LinearStep;
import dev.hestyle.ckks.program.Program;
import dev.hestyle.ckks.program.SaveSkip;
import dev.hestyle.ckks.program.Step;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a graph into a {@link Plan} for an engine with given {@link Capabilities}:
 * <ol>
 *   <li>lower the graph to segments, activations and residual boundaries ({@link GraphLowering});</li>
 *   <li>choose one slot grid (the largest height and width) and a layout per tensor shape;</li>
 *   <li>place every segment between its layouts: as a {@link LinearMap} where both tensors fit one ciphertext,
 *       choosing the rotation splits of those maps together so that they share rotation keys
 *       ({@link RotationKeySharing}); as a {@link BlockLinearMap} where either spans several;</li>
 *   <li>non-interactive: run the clear program with exact ReLUs on the calibration inputs, bound each
 *       activation by {@value ScaleAssignment#MARGIN} × its largest input, fold the bounds into the maps,
 *       fit the polynomials on the observed (normalised) inputs and place bootstraps;
 *       client-aided: every ReLU is a client round trip;</li>
 *   <li>check the level budget against the engine and state the parameters and keys needed.</li>
 * </ol>
 */
public final class Planner {
    private static final Logger log = LoggerFactory.getLogger(Planner.class);

    private Planner() {
    }

    /**
     * Plans {@code graph} for inputs of {@code inputShape}.
     *
     * @throws UnsupportedGraphException if a layer cannot be lowered, calibration inputs are missing in
     *                                   non-interactive mode, or the engine
     *                                   cannot provide the levels the program needs
     */
    public static Plan plan(Sequential graph, Shape inputShape, CompileOptions options, Capabilities caps) {
        long t0 = System.nanoTime();
        List<Node> nodes = GraphLowering.lower(graph, inputShape);
        int maxSlots = caps.slotsFor(bootstraps(nodes, options, caps));
        Layouts layouts = Layouts.of(inputShape, nodes, maxSlots);
        List<SlotMatrix> matrices = new ArrayList<>();
        for (int j = 0; j < nodes.size(); j++) {
            if (nodes.get(j) instanceof Node.Segment s && single(layouts, j)) {
                matrices.add(SlotMatrix.of(TensorAffine.of(s.affine()), layouts.before(j), layouts.after(j)));
            }
        }
        List<BsgsSplit> splits = RotationKeySharing.choose(matrices, RotationKeySharing.KEY_WEIGHT, RotationKeySharing.SLACK);
        List<SlotMap> maps = new ArrayList<>();
        List<Step> unitSteps = new ArrayList<>();
        int acts = 0;
        int seg = 0;
        for (int j = 0; j < nodes.size(); j++) {
            Node node = nodes.get(j);
            SlotLayout before = layouts.before(j);
            if (node instanceof Node.Segment s) {
                SlotMap map;
                if (single(layouts, j)) {
                    map = LinearMap.of(matrices.get(seg), splits.get(seg));
                    seg++;
                } else {
                    map = BlockLinearMap.build(s.affine(), before, layouts.after(j));
                }
                maps.add(map);
                unitSteps.add(new LinearStep(s.label(), map));
            } else {
                maps.add(null);
                if (node instanceof Node.Activation a) {
                    unitSteps.add(new ClientActivation(a.label(), acts++, before, 1.0, 1.0));
                } else if (node instanceof Node.Save s) {
                    unitSteps.add(new SaveSkip(s.label(), s.id()));
                } else if (node instanceof Node.Add a) {
                    unitSteps.add(new AddSkip(a.label(), a.id()));
                }
            }
        }
        // the maps hold their own (pre-rotated) diagonals; let the unrotated ones go before calibration
        matrices.clear();
        Program unit = new Program(unitSteps, layouts.input(), 1.0, layouts.output(), 1.0);
        log.debug("lowered {} into {} steps on {} slots in {} ms", graph.name(), unitSteps.size(), layouts.slots(), (System.nanoTime() - t0) / 1_000_000);
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("slots", layouts.slots());
        notes.put("layouts", layouts.describe());
        if (options.mode() == Mode.CLIENT_AIDED) {
            return Plan.clientAided(unit, options, caps, notes);
        }
        if (options.calibration().isEmpty()) {
            throw new UnsupportedGraphException("non-interactive mode replaces each ReLU by a polynomial on a calibrated interval, "
                    + "so it needs calibration inputs (CompileOptions.withCalibration, e.g. StyleModel.calibrationInputs()); "
                    + "none were given");
        }
        Calibration cal = Calibration.run(unit, options.calibration());
        ScaleAssignment scales = ScaleAssignment.assign(nodes, cal);
        int[] bootstrapCost = new int[nodes.size()];
        int[] ciphertexts = new int[nodes.size()];
        for (int j = 0; j < nodes.size(); j++) {
            ciphertexts[j] = layouts.before(j).ciphertexts();
            // a bootstrap needs stored values in [-1, 1]: true before an activation, after one (its output is stored
            // divided by its input's bound) and on a normalised residual stream
            boolean normalised = nodes.get(j) instanceof Node.Activation || j > 0 && nodes.get(j - 1) instanceof Node.Activation
                    || scales.inStream[scales.inputValue(j)];
            bootstrapCost[j] = normalised ? ciphertexts[j] : 0;
        }
        Skeletons skeletons = new Skeletons(nodes, maps, scales, cal, layouts, options.calibration(),
                p -> Plan.cost(p, bootstrapCost, ciphertexts, caps));
        int[] uniform = new int[scales.bound.length];
        java.util.Arrays.fill(uniform, options.reluDepth());
        Digest key = new Digest().add(skeletons.build(uniform).hash()).add(caps.toString()).add(options.reluDepth());
        options.calibration().forEach(t -> key.add(t.data()));
        int[] depths = ReluDepthSearch.choose(key.hex(), options.reluDepth(), scales.bound.length, skeletons);
        Program skeleton = skeletons.build(depths);
        notes.put("calibration_images", cal.images);
        notes.put("relu_depths", java.util.Arrays.stream(depths).boxed().toList());
        notes.put("relu_bounds", rounded(scales.bound));
        notes.put("stream_bounds", streamBounds(nodes, scales));
        notes.put("input_divisor", scales.multiplier[0]);
        Plan plan = Plan.nonInteractive(skeleton, bootstrapCost, options, caps, notes);
        log.debug("planned {} in {} ms: {}", graph.name(), (System.nanoTime() - t0) / 1_000_000, plan);
        return plan;
    }

    /**
     * Whether a non-interactive plan of {@code nodes} must bootstrap: its activations alone need more levels than a
     * fresh ciphertext of the leveled sets has (each linear segment takes one more, so this never errs the other way).
     */
    static boolean bootstraps(List<Node> nodes, CompileOptions options, Capabilities caps) {
        if (options.mode() != Mode.NON_INTERACTIVE || !caps.bootstrapping()) {
            return false;
        }
        long activations = nodes.stream().filter(n -> n instanceof Node.Activation).count();
        return activations * options.reluDepth() > caps.maxFreshLevels();
    }

    /** Whether node {@code j} reads and writes tensors of one ciphertext each. */
    private static boolean single(Layouts layouts, int j) {
        return layouts.before(j).single() && layouts.after(j).single();
    }

    static double[] normalised(double[] samples, double bound) {
        double[] s = new double[samples.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.max(-1, Math.min(1, samples[i] / bound));
        }
        return s;
    }

    private static List<Double> rounded(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double x : v) {
            l.add(Math.round(x * 1e4) / 1e4);
        }
        return l;
    }

    private static Map<String, Double> streamBounds(List<Node> nodes, ScaleAssignment scales) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < nodes.size(); j++) {
            if (nodes.get(j) instanceof Node.Save s) {
                m.putIfAbsent(s.label(), Math.round(scales.multiplier[scales.inputValue(j)] * 1e4) / 1e4);
            }
        }
        return m;
    }
}
