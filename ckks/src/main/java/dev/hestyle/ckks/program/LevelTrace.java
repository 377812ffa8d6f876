package dev.hestyle.ckks.program;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The level of the current value before and after every step of a program, for given fresh and
 * post-bootstrap levels, as every engine must account them (a multiplication costs one level, an add of
 * two levels gives the lower). Used to plan and to check that no step runs below level 0.
 *
 * @param before level entering each step
 * @param after level leaving each step
 * @param failure the first problem (a step that would need more levels than it has), or {@code null}
 * @param levelsUsed the most levels consumed between two refreshes (fresh input, bootstrap, client step)
 */
public record LevelTrace(int[] before, int[] after, String failure, int levelsUsed) {

    public boolean ok() {
        return failure == null;
    }

    /** The lowest level anything reaches (meaningful when {@link #ok()}). */
    public int minLevel() {
        int m = Integer.MAX_VALUE;
        for (int v : after) {
            m = Math.min(m, v);
        }
        for (int v : before) {
            m = Math.min(m, v);
        }
        return m == Integer.MAX_VALUE ? 0 : m;
    }

    /** Levels needed by each step. */
    public static int levelsNeeded(Step s) {
        if (s instanceof LinearStep) {
            return 1;
        }
        if (s instanceof PolyActivation p) {
            return p.depth();
        }
        return 0;
    }

    /**
     * Traces {@code steps} from an input at {@code freshLevels}.
     *
     * @param levelsAfterBootstrap level after a {@link Bootstrap}
     * @param clientFreshLevels level of a value returned by a {@link ClientActivation}
     */
    public static LevelTrace of(List<Step> steps, int freshLevels, int levelsAfterBootstrap, int clientFreshLevels) {
        int[] before = new int[steps.size()];
        int[] after = new int[steps.size()];
        Map<Integer, Integer> skips = new HashMap<>();
        String failure = null;
        int level = freshLevels;
        int segmentStart = freshLevels;
        int used = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            before[i] = level;
            int need = levelsNeeded(s);
            if (level < need && failure == null) {
                failure = "step " + i + " (" + s.kind() + " at " + s.label() + ") needs " + need + " level(s) but the value has " + level;
            }
            if (s instanceof Bootstrap) {
                level = levelsAfterBootstrap;
                segmentStart = level;
            } else if (s instanceof ClientActivation) {
                level = clientFreshLevels;
                segmentStart = level;
            } else if (s instanceof SaveSkip k) {
                skips.put(k.id(), level);
            } else if (s instanceof AddSkip k) {
                Integer saved = skips.remove(k.id());
                if (saved == null) {
                    if (failure == null) {
                        failure = "step " + i + " adds skip " + k.id() + " that was never saved";
                    }
                } else {
                    level = Math.min(level, saved);
                }
            } else {
                level -= need;
            }
            after[i] = level;
            used = Math.max(used, segmentStart - level);
        }
        return new LevelTrace(before, after, failure, used);
    }

    /** Traces {@code program}. */
    public static LevelTrace of(Program program, int freshLevels, int levelsAfterBootstrap, int clientFreshLevels) {
        return of(program.steps(), freshLevels, levelsAfterBootstrap, clientFreshLevels);
    }
}
