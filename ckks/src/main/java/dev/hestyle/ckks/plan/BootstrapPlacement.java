package dev.hestyle.ckks.plan;

import dev.hestyle.ckks.program.AddSkip;
import dev.hestyle.ckks.program.Bootstrap;
import dev.hestyle.ckks.program.LevelTrace;
import dev.hestyle.ckks.program.SaveSkip;
import dev.hestyle.ckks.program.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places bootstraps at the least cost so that no step runs out of levels. A bootstrap may only go right before a
 * step whose input is stored in [-1, 1], as bootstrapping requires (see {@link Planner}); its cost is the number
 * of ciphertexts the value there spans, so that a large tensor is bootstrapped where it is fewest ciphertexts.
 * Residual skips are tracked: a skip keeps the level it was saved at, and the add takes the lower of the two
 * levels.
 *
 * <p>Exact dynamic programming over (step, level, levels of the live skips); the state space is tiny
 * (levels are small integers, few skips are live at once). Among placements of least cost, each bootstrap is
 * put as late as possible, so that work runs at lower (cheaper) levels.
 */
final class BootstrapPlacement {
    private static final int INFEASIBLE = Integer.MAX_VALUE / 2;

    private final List<Step> steps;
    private final int[] cost;
    private final int afterBootstrap;
    private final Map<State, Integer> memo = new HashMap<>();
    private final Map<State, Boolean> choice = new HashMap<>();

    private record State(int index, int level, int[] skipIds, int[] skipLevels) {
        @Override
        public boolean equals(Object o) {
            return o instanceof State s && index == s.index && level == s.level && Arrays.equals(skipIds, s.skipIds)
                    && Arrays.equals(skipLevels, s.skipLevels);
        }

        @Override
        public int hashCode() {
            return ((index * 31 + level) * 31 + Arrays.hashCode(skipIds)) * 31 + Arrays.hashCode(skipLevels);
        }
    }

    private BootstrapPlacement(List<Step> steps, int[] cost, int afterBootstrap) {
        this.steps = steps;
        this.cost = cost;
        this.afterBootstrap = afterBootstrap;
    }

    /**
     * The steps with bootstraps inserted, or {@code null} if no placement fits.
     *
     * @param cost ciphertexts a bootstrap right before step {@code i} refreshes; 0 where none may go
     */
    static List<Step> place(List<Step> steps, int[] cost, int freshLevels, int afterBootstrap) {
        BootstrapPlacement p = new BootstrapPlacement(steps, cost, afterBootstrap);
        State s = new State(0, freshLevels, new int[0], new int[0]);
        if (p.best(s) >= INFEASIBLE) {
            return null;
        }
        List<Step> out = new ArrayList<>();
        while (s.index < steps.size()) {
            Step step = steps.get(s.index);
            boolean boot = p.choice.getOrDefault(s, false);
            if (boot) {
                out.add(new Bootstrap(step.label()));
            }
            out.add(step);
            s = p.next(s, boot);
        }
        return out;
    }

    /** Least bootstrap cost from {@code s} to the end. */
    private int best(State s) {
        if (s.index == steps.size()) {
            return 0;
        }
        Integer cached = memo.get(s);
        if (cached != null) {
            return cached;
        }
        int keep = INFEASIBLE;
        State n = next(s, false);
        if (n != null) {
            keep = best(n);
        }
        int boot = INFEASIBLE;
        if (cost[s.index] > 0) {
            State b = next(s, true);
            if (b != null) {
                boot = cost[s.index] + best(b);
            }
        }
        boolean chooseBoot = boot < keep;
        int r = Math.min(INFEASIBLE, Math.min(keep, boot));
        memo.put(s, r);
        choice.put(s, chooseBoot);
        return r;
    }

    /** The state after step {@code s.index}, bootstrapping first if asked; {@code null} if out of levels. */
    private State next(State s, boolean bootstrapFirst) {
        Step step = steps.get(s.index);
        int level = bootstrapFirst ? afterBootstrap : s.level;
        int need = LevelTrace.levelsNeeded(step);
        if (level < need) {
            return null;
        }
        int[] ids = s.skipIds;
        int[] levels = s.skipLevels;
        if (step instanceof SaveSkip k) {
            ids = Arrays.copyOf(ids, ids.length + 1);
            levels = Arrays.copyOf(levels, levels.length + 1);
            ids[ids.length - 1] = k.id();
            levels[levels.length - 1] = level;
        } else if (step instanceof AddSkip k) {
            int at = -1;
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == k.id()) {
                    at = i;
                }
            }
            if (at < 0) {
                return null;
            }
            level = Math.min(level, levels[at]);
            int[] ni = new int[ids.length - 1];
            int[] nl = new int[ids.length - 1];
            for (int i = 0, j = 0; i < ids.length; i++) {
                if (i != at) {
                    ni[j] = ids[i];
                    nl[j++] = levels[i];
                }
            }
            ids = ni;
            levels = nl;
        } else {
            level -= need;
        }
        return new State(s.index + 1, level, ids, levels);
    }
}
