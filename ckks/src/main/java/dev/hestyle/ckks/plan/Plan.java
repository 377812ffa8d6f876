package dev.hestyle.ckks.plan;

import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.ckks.graph.CtGraph;
import dev.hestyle.ckks.poly.ChebyshevEvaluator;
import dev.hestyle.ckks.program.Bootstrap;
import dev.hestyle.ckks.program.LinearStep;
import dev.hestyle.ckks.program.LevelTrace;
import dev.hestyle.ckks.program.PolyActivation;
import dev.hestyle.ckks.program.Program;
import dev.hestyle.ckks.program.Step;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.PlanReport;
import dev.hestyle.spi.Security;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A planned program with its level budget: which fresh and post-bootstrap levels it was planned for, the
 * level of every step, and what it asks of the engine ({@link #parameterRequest()}, {@link #keyRequest()}).
 * {@link #adaptTo} re-plans for the levels the engine's concrete parameters actually offer.
 */
public final class Plan {
    /** Levels a fresh ciphertext is assumed to have when searching the smallest sufficient budget. */
    private static final int SEARCH_LIMIT = 4096;

    private final Mode mode;
    private final Security security;
    private final int reluDepth;
    private final Program skeleton;
    private final int[] bootstrapCost;
    private final Program program;
    private final int freshLevels;
    private final int levelsAfterBootstrap;
    private final int requestedLevels;
    private final LevelTrace trace;
    private final Map<String, Object> notes;
    private volatile CtGraph graph;

    private Plan(Mode mode, Security security, int reluDepth, Program skeleton, int[] bootstrapCost, Program program, int freshLevels,
                 int levelsAfterBootstrap, int requestedLevels, Map<String, Object> notes) {
        this.mode = mode;
        this.security = security;
        this.reluDepth = reluDepth;
        this.skeleton = skeleton;
        this.bootstrapCost = bootstrapCost;
        this.program = program;
        this.freshLevels = freshLevels;
        this.levelsAfterBootstrap = levelsAfterBootstrap;
        this.requestedLevels = requestedLevels;
        this.trace = LevelTrace.of(program, freshLevels, levelsAfterBootstrap, freshLevels);
        this.notes = notes;
        if (!trace.ok()) {
            throw new IllegalStateException("internal planning error: " + trace.failure());
        }
    }

    static Plan clientAided(Program unit, CompileOptions options, Capabilities caps, Map<String, Object> notes) {
        int needed = smallestFresh(unit.steps(), 0, true);
        if (needed > caps.maxFreshLevels()) {
            throw new UnsupportedGraphException("client-aided evaluation needs " + needed + " levels between client round trips, but the engine"
                    + " offers at most " + caps.maxFreshLevels() + " at " + options.security());
        }
        int levels = Math.max(1, needed);
        return new Plan(Mode.CLIENT_AIDED, options.security(), options.reluDepth(), unit, new int[unit.steps().size()], unit, levels, 0,
                levels, notes);
    }

    static Plan nonInteractive(Program skeleton, int[] bootstrapCost, CompileOptions options, Capabilities caps, Map<String, Object> notes) {
        int plain = smallestFresh(skeleton.steps(), 0, false);
        if (plain <= caps.maxFreshLevels()) {
            int levels = Math.max(1, plain);
            return new Plan(Mode.NON_INTERACTIVE, options.security(), options.reluDepth(), skeleton, bootstrapCost, skeleton, levels, 0, levels, notes);
        }
        if (!caps.bootstrapping()) {
            throw new UnsupportedGraphException("non-interactive evaluation of this network needs " + plain + " levels at ReLU depth "
                    + options.reluDepth() + ", but the engine offers at most " + caps.maxFreshLevels() + " at " + options.security()
                    + " and cannot bootstrap; use client-aided mode, or an engine with bootstrapping");
        }
        return withBootstraps(options.security(), options.reluDepth(), skeleton, bootstrapCost, caps.freshLevelsWithBootstrap(),
                caps.levelsAfterBootstrap(), notes);
    }

    /**
     * What {@code skeleton} costs on an engine with {@code caps}, as {@link #nonInteractive} would plan it; {@code null}
     * if it does not fit.
     *
     * @param ciphertexts ciphertexts of the value entering each step of {@code skeleton}
     */
    static ReluDepthSearch.Cost cost(Program skeleton, int[] bootstrapCost, int[] ciphertexts, Capabilities caps) {
        int plain = smallestFresh(skeleton.steps(), 0, false);
        if (plain <= caps.maxFreshLevels()) {
            int fresh = Math.max(1, plain);
            return costOf(skeleton.steps(), LevelTrace.of(skeleton.steps(), fresh, 0, 0), fresh, bootstrapCost, ciphertexts);
        }
        if (!caps.bootstrapping()) {
            return null;
        }
        // a bootstrapping parameter set has its fresh levels whatever the program needs of them
        int fresh = caps.freshLevelsWithBootstrap();
        List<Step> steps = BootstrapPlacement.place(skeleton.steps(), bootstrapCost, fresh, caps.levelsAfterBootstrap());
        return steps == null ? null
                : costOf(steps, LevelTrace.of(steps, fresh, caps.levelsAfterBootstrap(), 0), fresh, bootstrapCost, ciphertexts);
    }

    /**
     * The cost of placed {@code steps}: the ciphertexts they bootstrap, and their work, where a polynomial activation's
     * ciphertext products are each weighted by the towers (level + 1) it runs at, as a product costs about that.
     */
    private static ReluDepthSearch.Cost costOf(List<Step> steps, LevelTrace trace, int fresh, int[] bootstrapCost, int[] ciphertexts) {
        int bootstrapped = 0;
        long work = 0;
        int original = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s instanceof Bootstrap) {
                bootstrapped += bootstrapCost[original];
                continue;
            }
            if (s instanceof PolyActivation a) {
                work += ChebyshevEvaluator.cost(a.fit()).ctMults() * (trace.before()[i] + 1L) * ciphertexts[original];
            }
            original++;
        }
        return new ReluDepthSearch.Cost(bootstrapped, fresh, bootstrapped * ReluDepthSearch.BOOTSTRAP_WORK + work);
    }

    private static Plan withBootstraps(Security security, int reluDepth, Program skeleton, int[] bootstrapCost, int fresh, int afterBootstrap,
                                       Map<String, Object> notes) {
        List<Step> steps = BootstrapPlacement.place(skeleton.steps(), bootstrapCost, fresh, afterBootstrap);
        if (steps == null) {
            throw new UnsupportedGraphException(notEnoughLevels(skeleton, bootstrapCost, reluDepth, fresh, afterBootstrap));
        }
        int needed = Math.max(1, smallestFresh(steps, afterBootstrap, false));
        Program p = new Program(steps, skeleton.inputLayout(), skeleton.inputDivisor(), skeleton.outputLayout(), skeleton.outputMultiplier());
        return new Plan(Mode.NON_INTERACTIVE, security, reluDepth, skeleton, bootstrapCost, p, needed, afterBootstrap, needed, notes);
    }

    /** Explains why no placement fits: the deepest stretch even with a bootstrap at every possible point. */
    private static String notEnoughLevels(Program skeleton, int[] bootstrapCost, int reluDepth, int fresh, int afterBootstrap) {
        List<Step> all = new ArrayList<>();
        for (int i = 0; i < skeleton.steps().size(); i++) {
            if (bootstrapCost[i] > 0) {
                all.add(new Bootstrap(skeleton.steps().get(i).label()));
            }
            all.add(skeleton.steps().get(i));
        }
        LevelTrace t = LevelTrace.of(all, SEARCH_LIMIT, SEARCH_LIMIT, SEARCH_LIMIT);
        return "the program needs more levels than the engine offers: even with a bootstrap at every point where one is possible, a stretch between"
                + " bootstraps needs " + t.levelsUsed() + " levels (ReLU depth " + reluDepth + " plus the linear layers around it), but a"
                + " bootstrap leaves " + afterBootstrap + " and a fresh ciphertext has " + fresh + "; lower the ReLU depth";
    }

    /** The smallest fresh level with which {@code steps} never run out (client steps refresh to it). */
    private static int smallestFresh(List<Step> steps, int afterBootstrap, boolean client) {
        for (int f = 0; f <= SEARCH_LIMIT; f++) {
            if (LevelTrace.of(steps, f, afterBootstrap, client ? f : 0).ok()) {
                return f;
            }
        }
        throw new UnsupportedGraphException("the program needs more than " + SEARCH_LIMIT + " levels");
    }

    /**
     * This plan for the levels {@code params} really offers (re-placing bootstraps if they differ).
     *
     * @throws UnsupportedGraphException if the parameters do not fit the program
     */
    public Plan adaptTo(CkksParameters params) {
        return adaptTo(params, 1);
    }

    /**
     * This plan for the levels {@code params} really offers, run on ciphertexts of {@code batch} interleaved images.
     *
     * @throws UnsupportedGraphException if the parameters do not fit the program
     */
    public Plan adaptTo(CkksParameters params, int batch) {
        if (params.slots() != (long) program.slots() * batch) {
            throw new UnsupportedGraphException("the engine chose parameters with " + params.slots() + " slots, but the program is laid out on "
                    + program.slots() + " cyclic slots" + (batch > 1 ? " for each of " + batch + " images" : ""));
        }
        if (params.freshLevels() < requestedLevels) {
            throw new UnsupportedGraphException("the engine's parameters give a fresh ciphertext " + params.freshLevels() + " levels; the plan needs "
                    + requestedLevels);
        }
        if (program.needsBootstrapping()) {
            if (!params.bootstrapping()) {
                throw new UnsupportedGraphException("the plan bootstraps but the engine's parameters do not support bootstrapping");
            }
            if (params.levelsAfterBootstrap() == levelsAfterBootstrap && params.freshLevels() == freshLevels) {
                return this;
            }
            return withBootstraps(security, reluDepth, skeleton, bootstrapCost, params.freshLevels(), params.levelsAfterBootstrap(), notes)
                    .withFresh(params.freshLevels());
        }
        return withFresh(params.freshLevels());
    }

    private Plan withFresh(int fresh) {
        if (fresh == freshLevels) {
            return this;
        }
        return new Plan(mode, security, reluDepth, skeleton, bootstrapCost, program, fresh, levelsAfterBootstrap, requestedLevels, notes);
    }

    public Program program() {
        return program;
    }

    /** The ciphertext-level graph of one evaluation (built on first use, then shared). */
    public CtGraph graph() {
        CtGraph g = graph;
        if (g == null) {
            synchronized (this) {
                g = graph;
                if (g == null) {
                    g = program.graph(freshLevels, levelsAfterBootstrap, freshLevels);
                    graph = g;
                }
            }
        }
        return g;
    }

    public Mode mode() {
        return mode;
    }

    /** Levels of a fresh ciphertext this plan is traced with. */
    public int freshLevels() {
        return freshLevels;
    }

    /** Levels after a bootstrap this plan is traced with (0 without bootstraps). */
    public int levelsAfterBootstrap() {
        return levelsAfterBootstrap;
    }

    /** Level of the current value before and after every step. */
    public LevelTrace levels() {
        return trace;
    }

    /** What the engine must offer. */
    public ParameterRequest parameterRequest() {
        return parameterRequest(1);
    }

    /** What the engine must offer to run {@code batch} interleaved images per ciphertext. */
    public ParameterRequest parameterRequest(int batch) {
        return new ParameterRequest(security, Math.multiplyExact(program.slots(), batch), requestedLevels, program.needsBootstrapping());
    }

    /** The evaluation keys the program uses, and no others. */
    public KeyRequest keyRequest() {
        return new KeyRequest(graph().rotationSteps(), program.needsRelinearization(), program.needsBootstrapping());
    }

    /**
     * The report for users.
     *
     * @param encrypts whether the engine really encrypts (a simulator claims no security)
     */
    public PlanReport report(String backend, CkksParameters params, boolean encrypts) {
        Map<String, Object> d = new LinkedHashMap<>(notes);
        if (mode == Mode.NON_INTERACTIVE) {
            d.put("relu_depth", reluDepth);
            d.put("poly_degrees", program.steps().stream().filter(s -> s instanceof PolyActivation)
                    .map(s -> ((PolyActivation) s).fit().degree()).toList());
        }
        d.put("fresh_levels", freshLevels);
        d.put("levels_after_bootstrap", levelsAfterBootstrap);
        d.put("bootstraps_before", program.steps().stream().filter(s -> s instanceof Bootstrap).map(Step::label).toList());
        CtGraph g = graph();
        d.put("rotation_steps", new ArrayList<>(g.rotationSteps()));
        d.put("ciphertexts_per_tensor", ciphertextsPerTensor());
        d.put("graph_operations", g.ops().size());
        d.put("parameters", params.engine() + " N=2^" + params.logRingDimension() + ", " + params.slots() + " slots, scale 2^"
                + params.scaleBits() + ", " + params.freshLevels() + " fresh levels" + (params.bootstrapping() ? ", " + params.levelsAfterBootstrap()
                + " after bootstrap" : ""));
        d.put("steps", StepTable.render(program, trace, g.costByStep()));
        return new PlanReport(backend, mode, encrypts ? params.securityBits() : null, params.secretDistribution(),
                1 << params.logRingDimension(), trace.levelsUsed(), g.cost(), g.rotationSteps().size(),
                program.clientActivations().size(), d);
    }

    /** Ciphertexts of every distinct tensor shape, e.g. {@code {"8x128x128": 16}}. */
    private Map<String, Integer> ciphertextsPerTensor() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(program.inputLayout().shape().toString(), program.inputLayout().ciphertexts());
        for (Step s : program.steps()) {
            if (s instanceof LinearStep l) {
                m.put(l.map().outputLayout().shape().toString(), l.map().outputLayout().ciphertexts());
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return mode.label() + " plan: " + program.steps().size() + " steps, " + graph().cost() + ", " + graph().rotationSteps().size()
                + " rotation keys, fresh " + freshLevels + " levels" + (levelsAfterBootstrap > 0 ? ", " + levelsAfterBootstrap + " after bootstrap" : "");
    }
}
