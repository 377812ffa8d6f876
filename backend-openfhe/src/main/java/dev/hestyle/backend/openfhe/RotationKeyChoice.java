package dev.hestyle.backend.openfhe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * Which ring rotation's key serves each slot rotation the program needs.
 *
 * <p>With fewer slots than the ring's N/2, OpenFHE's sparse packing repeats the slot vector N/(2 slots)
 * times, so a left rotation of the ring by {@code step + k*slots} rotates the slots by {@code step} for
 * every k. Bootstrapping keys already cover many ring rotations; serving a step with one of them instead
 * of generating its own key saves a key-switching key (about 100 MiB at N=2^16) per step. A step that no
 * key serves directly may still be served by two or three rotations whose keys exist ({@link #compose}): one or
 * two more key switches per use, which at N=2^16 cost far less than holding another key.
 */
final class RotationKeyChoice {
    private RotationKeyChoice() {
    }

    /**
     * For each step in 1..slots-1, the ring rotation (1..ringSlots-1, congruent to the step modulo
     * {@code slots}) whose key already exists, or the step itself when none does.
     *
     * @param automorphismIndex OpenFHE's automorphism index of a ring rotation
     * @param present automorphism indices of the keys that exist
     */
    static Map<Integer, Integer> choose(Set<Integer> steps, int slots, int ringSlots, IntUnaryOperator automorphismIndex,
                                        Set<Integer> present) {
        Map<Integer, Integer> chosen = new TreeMap<>();
        for (int step : steps) {
            if (step < 1 || step >= slots) {
                throw new IllegalArgumentException("rotation step " + step + " outside 1.." + (slots - 1));
            }
            int rotation = step;
            for (int candidate = step; candidate < ringSlots; candidate += slots) {
                if (present.contains(automorphismIndex.applyAsInt(candidate))) {
                    rotation = candidate;
                    break;
                }
            }
            chosen.put(step, rotation);
        }
        return chosen;
    }

    /**
     * Ring rotations with keys whose sum rotates the slots left by {@code step}: two if any two do, otherwise three, or
     * {@code null} if no three do. Deterministic: the smallest first rotation that has partners, then the smallest
     * second. Three cost two key switches more than a key of the step's own, which at N=2^16 is still cheaper than
     * holding a key of about 100 MiB for a step a plan uses a few times.
     *
     * @param keyed ring rotations that have keys, ascending ({@link #keyedRotations})
     */
    static int[] compose(int step, int slots, int[] keyed) {
        int[] bySlot = new int[slots];
        for (int rotation : keyed) {
            int s = rotation % slots;
            if (s != 0 && bySlot[s] == 0) {
                bySlot[s] = rotation;
            }
        }
        for (int first : keyed) {
            int rest = Math.floorMod(step - first, slots);
            if (rest != 0 && first % slots != 0 && bySlot[rest] != 0) {
                return new int[] {first, bySlot[rest]};
            }
        }
        for (int first : keyed) {
            if (first % slots == 0) {
                continue;
            }
            for (int second : keyed) {
                int rest = Math.floorMod(step - first - second, slots);
                if (rest != 0 && second % slots != 0 && bySlot[rest] != 0) {
                    return new int[] {first, second, bySlot[rest]};
                }
            }
        }
        return null;
    }

    /**
     * The ring rotations 1..N/2-1 whose keys are among {@code present}, ascending.
     *
     * @param automorphismIndex OpenFHE's automorphism index of a ring rotation
     */
    static int[] keyedRotations(int ringSlots, IntUnaryOperator automorphismIndex, Set<Integer> present) {
        int[] keyed = new int[present.size()];
        int n = 0;
        for (int rotation = 1; rotation < ringSlots && n < keyed.length; rotation++) {
            if (present.contains(automorphismIndex.applyAsInt(rotation))) {
                keyed[n++] = rotation;
            }
        }
        return Arrays.copyOf(keyed, n);
    }

    /**
     * Which of {@code steps} (slot rotations that no key serves directly) get keys of their own, so that every other
     * one is composed of keyed rotations ({@link #compose}): greedily the step whose key lets the most of the rest
     * be composed, the smallest on a tie. Ascending.
     *
     * @param keyed ring rotations that have keys, ascending
     */
    static SortedSet<Integer> ownKeys(Collection<Integer> steps, int slots, int[] keyed) {
        SortedSet<Integer> own = new TreeSet<>();
        int[] have = keyed;
        List<Integer> left = new ArrayList<>();
        for (int step : new TreeSet<>(steps)) {
            if (compose(step, slots, have) == null) {
                left.add(step);
            }
        }
        while (!left.isEmpty()) {
            int best = left.get(0);
            int bestServed = -1;
            for (int candidate : left) {
                int[] with = with(have, candidate);
                int served = 0;
                for (int step : left) {
                    if (step != candidate && compose(step, slots, with) != null) {
                        served++;
                    }
                }
                if (served > bestServed) {
                    best = candidate;
                    bestServed = served;
                }
            }
            own.add(best);
            have = with(have, best);
            int chosen = best;
            int[] now = have;
            left.removeIf(step -> step == chosen || compose(step, slots, now) != null);
        }
        return own;
    }

    /** {@code keyed} (ascending) with {@code rotation} added. */
    static int[] with(int[] keyed, int rotation) {
        int at = Arrays.binarySearch(keyed, rotation);
        if (at >= 0) {
            return keyed;
        }
        int insert = -at - 1;
        int[] out = new int[keyed.length + 1];
        System.arraycopy(keyed, 0, out, 0, insert);
        out[insert] = rotation;
        System.arraycopy(keyed, insert, out, insert + 1, keyed.length - insert);
        return out;
    }
}
