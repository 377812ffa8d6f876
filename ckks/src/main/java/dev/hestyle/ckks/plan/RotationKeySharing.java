package dev.hestyle.ckks.plan;

import dev.hestyle.ckks.linear.BsgsSplit;
import dev.hestyle.ckks.linear.SlotMatrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the baby-step/giant-step split of every linear map for the whole program at once: each
 * distinct rotation key costs key generation time, memory and bandwidth (about 100 MiB per key at
 * N = 2^16), so a split a few rotations dearer that reuses other maps' keys can be worth it. Minimises
 * {@code rotations per image + keyWeight × distinct keys} by coordinate descent from every map's
 * cheapest split, considering splits at most {@code slack} rotations above each map's best.
 */
final class RotationKeySharing {
    /** A distinct key is worth this many rotations per image. */
    static final double KEY_WEIGHT = 2.0;
    /** How many rotations above its best a map may pay for shared keys. */
    static final int SLACK = 8;
    private static final int MAX_PASSES = 20;

    private RotationKeySharing() {
    }

    private record Option(BsgsSplit split, Set<Integer> keys) {
    }

    /** One split per matrix (same order). */
    static List<BsgsSplit> choose(List<SlotMatrix> matrices, double keyWeight, int slack) {
        Map<SlotMatrix, List<Option>> options = new IdentityHashMap<>();
        Map<String, List<Option>> byPattern = new HashMap<>();
        for (SlotMatrix m : matrices) {
            int[] offsets = m.offsets();
            String pattern = m.inputLayout().period() + ":" + java.util.Arrays.toString(offsets);
            options.put(m, byPattern.computeIfAbsent(pattern, p -> {
                List<Option> l = new ArrayList<>();
                for (BsgsSplit s : BsgsSplit.candidates(offsets, m.inputLayout().period(), slack)) {
                    l.add(new Option(s, s.keys(offsets, m.inputLayout().slots())));
                }
                return l;
            }));
        }
        int[] chosen = new int[matrices.size()];
        Map<Integer, Integer> uses = new HashMap<>();
        for (int i = 0; i < matrices.size(); i++) {
            options.get(matrices.get(i)).get(0).keys().forEach(k -> uses.merge(k, 1, Integer::sum));
        }
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean changed = false;
            for (int i = 0; i < matrices.size(); i++) {
                List<Option> opts = options.get(matrices.get(i));
                opts.get(chosen[i]).keys().forEach(k -> uses.merge(k, -1, Integer::sum));
                int best = chosen[i];
                double bestCost = cost(opts.get(best), uses, keyWeight);
                for (int c = 0; c < opts.size(); c++) {
                    double cost = cost(opts.get(c), uses, keyWeight);
                    if (cost < bestCost - 1e-9) {
                        best = c;
                        bestCost = cost;
                    }
                }
                changed |= best != chosen[i];
                chosen[i] = best;
                opts.get(best).keys().forEach(k -> uses.merge(k, 1, Integer::sum));
            }
            if (!changed) {
                break;
            }
        }
        List<BsgsSplit> result = new ArrayList<>();
        for (int i = 0; i < matrices.size(); i++) {
            result.add(options.get(matrices.get(i)).get(chosen[i]).split());
        }
        return result;
    }

    private static double cost(Option o, Map<Integer, Integer> uses, double keyWeight) {
        int fresh = 0;
        for (int k : o.keys()) {
            if (uses.getOrDefault(k, 0) <= 0) {
                fresh++;
            }
        }
        return o.split().rotations() + keyWeight * fresh;
    }
}
