package dev.hestyle.backend.openfhe;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Which ring rotation's key serves each slot rotation the program needs.
 *
 * <p>With fewer slots than the ring's N/2, OpenFHE's sparse packing repeats the slot vector N/(2 slots)
 * times, so a left rotation of the ring by {@code step + k*slots} rotates the slots by {@code step} for
 * every k. Bootstrapping keys already cover many ring rotations; serving a step with one of them instead
 * of generating its own key saves a key-switching key (about 100 MiB at N=2^16) per step.
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
}
