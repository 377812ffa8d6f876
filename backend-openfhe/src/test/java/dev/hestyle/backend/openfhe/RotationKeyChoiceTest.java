package dev.hestyle.backend.openfhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class RotationKeyChoiceTest {
    /** A stand-in for OpenFHE's index: any injective map shows which rotation was chosen. */
    private static final IntUnaryOperator INDEX = rotation -> 2 * rotation + 1;

    @Test
    void aStepIsServedByTheFirstEquivalentRingRotationWithAKey() {
        // 8 slots in a ring of 32: step 3 is also served by ring rotations 11, 19 and 27
        Set<Integer> present = Set.of(INDEX.applyAsInt(19), INDEX.applyAsInt(27), INDEX.applyAsInt(5));
        Map<Integer, Integer> chosen = RotationKeyChoice.choose(Set.of(3, 5, 6), 8, 32, INDEX, present);
        assertEquals(Map.of(3, 19, 5, 5, 6, 6), chosen);
    }

    @Test
    void withoutSparsePackingEveryStepIsItsOwnRotation() {
        Map<Integer, Integer> chosen = RotationKeyChoice.choose(Set.of(1, 7), 8, 8, INDEX, Set.of(INDEX.applyAsInt(9)));
        assertEquals(Map.of(1, 1, 7, 7), chosen);
    }

    @Test
    void stepsOutsideTheSlotsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RotationKeyChoice.choose(Set.of(8), 8, 32, INDEX, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> RotationKeyChoice.choose(Set.of(0), 8, 32, INDEX, Set.of()));
    }
}
