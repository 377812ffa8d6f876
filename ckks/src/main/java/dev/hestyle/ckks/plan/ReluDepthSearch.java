package dev.hestyle.ckks.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the polynomial depth of every ReLU. The plan with the requested depth everywhere sets the budget: its
 * bootstrap cost (ciphertexts bootstrapped), its fresh levels, and its modelled work plus {@value #WORK_SLACK}
 * of it. Levels that plan leaves unused (a bootstrap refreshes more than the next stretch needs, the fresh input
 * has some to spare) are then handed out one at a time: each round raises, by one, the ReLU whose raise stays
 * within the budget and brings the calibration images' output closest to the exact network's; the search stops
 * when no raise fits or helps. Depths never go below the requested one, so the result is at least as accurate on
 * the calibration images, with no more bootstraps.
 *
 * <p>Deterministic (the same inputs give the same depths), as client and server must plan alike.
 */
final class ReluDepthSearch {
    /** The deepest polynomial {@link dev.hestyle.ckks.poly.ReluFit} offers. */
    static final int MAX_DEPTH = 7;
    private static final Logger log = LoggerFactory.getLogger(ReluDepthSearch.class);

    /**
     * Modelled work a raise may add, as a share of the requested-depth plan's: higher polynomials cost ciphertext
     * products, and a little time buys much accuracy (one depth level roughly halves a ReLU's error).
     */
    static final double WORK_SLACK = 0.10;
    /**
     * A bootstrap's work in ciphertext products of one tower, from the OpenFHE profile at N=2^16: about 20 s for a
     * bootstrap, and about 20 ms per tower for a product of a polynomial ReLU with its share of the additions.
     */
    static final long BOOTSTRAP_WORK = 1000;
    /** Raises measured again per round after the first. */
    private static final int MEASURED_PER_ROUND = 3;

    /**
     * What a depth assignment costs; {@code null} where it does not fit the engine at all.
     *
     * @param bootstrapCost ciphertexts bootstrapped
     * @param freshLevels levels a fresh ciphertext needs
     * @param work modelled work: bootstraps at {@value #BOOTSTRAP_WORK} each, plus the polynomials' ciphertext
     *             products, each weighted by the towers it runs at
     */
    record Cost(int bootstrapCost, int freshLevels, long work) {
        boolean within(Cost budget) {
            return bootstrapCost <= budget.bootstrapCost && freshLevels <= budget.freshLevels
                    && work <= budget.work * (1 + WORK_SLACK);
        }
    }

    /** A depth assignment made into a plan candidate. */
    interface Candidates<P> {
        P build(int[] depths);

        Cost cost(P candidate);

        /**
         * Error of each candidate's output against the exact network on the calibration images (lower is better;
         * infinite where a value leaves its interval). Measured together: the candidates share their linear maps.
         */
        double[] errors(List<P> candidates);
    }

    /** Results of recent searches by key: the search is deterministic, and a server or a test suite plans one model often. */
    private static final Map<String, int[]> RECENT = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > 32;
        }
    });

    private ReluDepthSearch() {
    }

    /**
     * {@link #choose(int, int, Candidates)}, remembered under {@code key}, which must identify everything the search
     * reads (the requested-depth program, the engine's capabilities, the calibration inputs).
     */
    static <P> int[] choose(String key, int requested, int relus, Candidates<P> c) {
        int[] known = RECENT.get(key);
        if (known != null) {
            return known.clone();
        }
        int[] depths = choose(requested, relus, c);
        RECENT.put(key, depths.clone());
        return depths;
    }

    static <P> int[] choose(int requested, int relus, Candidates<P> c) {
        long t0 = System.nanoTime();
        int[] depths = new int[relus];
        Arrays.fill(depths, requested);
        P base = c.build(depths);
        Cost budget = c.cost(base);
        if (budget == null || relus == 0 || requested >= MAX_DEPTH) {
            return depths;
        }
        boolean[] done = new boolean[relus];
        double[] gain = new double[relus];
        // First round: every raise that fits, measured together with the base.
        List<Integer> raised = new ArrayList<>();
        List<P> candidates = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int k = 0; k < relus; k++) {
            all.add(k);
        }
        collect(c, depths, budget, all, done, raised, candidates);
        candidates.add(base);
        double[] e = c.errors(candidates);
        double error = e[e.length - 1];
        for (int i = 0; i < raised.size(); i++) {
            gain[raised.get(i)] = error - e[i];
        }
        int measured = raised.size() + 1;
        // Then lazy greedy: a gain measured earlier bounds what a raise gains now (levels and work only get scarcer,
        // the error only smaller), so each round measures again only the few raises with the largest gains so far.
        int take = top(gain, done);
        while (take >= 0 && gain[take] > 0) {
            error -= gain[take];
            depths[take]++;
            done[take] = depths[take] >= MAX_DEPTH;
            take = -1;
            while (take < 0) {
                List<Integer> leaders = leaders(gain, done);
                if (leaders.isEmpty()) {
                    break;
                }
                collect(c, depths, budget, leaders, done, raised, candidates);
                if (raised.isEmpty()) {
                    continue;
                }
                e = c.errors(candidates);
                measured += candidates.size();
                for (int i = 0; i < raised.size(); i++) {
                    gain[raised.get(i)] = error - e[i];
                }
                int best = top(gain, done);
                if (raised.contains(best) || !(gain[best] > 0)) {
                    take = best;
                    break;
                }
            }
        }
        log.debug("ReLU depths {} (requested {}): {} candidates measured in {} ms, budget {}", Arrays.toString(depths), requested, measured,
                (System.nanoTime() - t0) / 1_000_000, budget);
        return depths;
    }

    /** Into {@code raised} and {@code candidates}: the raises of {@code ks} that fit; the others are done for good. */
    private static <P> void collect(Candidates<P> c, int[] depths, Cost budget, List<Integer> ks, boolean[] done, List<Integer> raised,
                                    List<P> candidates) {
        raised.clear();
        candidates.clear();
        for (int k : ks) {
            P p = raisedFits(c, depths, k, budget);
            if (p == null) {
                done[k] = true;
            } else {
                raised.add(k);
                candidates.add(p);
            }
        }
    }

    /** The candidate with ReLU {@code k} one deeper, or {@code null} if it exceeds the budget. */
    private static <P> P raisedFits(Candidates<P> c, int[] depths, int k, Cost budget) {
        if (depths[k] >= MAX_DEPTH) {
            return null;
        }
        depths[k]++;
        P p = c.build(depths);
        depths[k]--;
        Cost cost = c.cost(p);
        // raising other ReLUs never frees levels or work, so a raise that does not fit will not fit later either
        return cost != null && cost.within(budget) ? p : null;
    }

    /** The ReLU with the largest gain (lowest index on ties); -1 if none is left. */
    private static int top(double[] gain, boolean[] done) {
        int best = -1;
        for (int k = 0; k < gain.length; k++) {
            if (!done[k] && (best < 0 || gain[k] > gain[best])) {
                best = k;
            }
        }
        return best;
    }

    /** The {@value #MEASURED_PER_ROUND} ReLUs left with the largest gains with a positive gain, largest first. */
    private static List<Integer> leaders(double[] gain, boolean[] done) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < gain.length; k++) {
            if (!done[k] && gain[k] > 0) {
                order.add(k);
            }
        }
        order.sort((x, y) -> x.equals(y) ? 0 : gain[y] > gain[x] ? 1 : gain[y] < gain[x] ? -1 : Integer.compare(x, y));
        return order.subList(0, Math.min(MEASURED_PER_ROUND, order.size()));
    }
}
