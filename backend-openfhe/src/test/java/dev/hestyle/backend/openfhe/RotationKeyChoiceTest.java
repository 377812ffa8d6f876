package dev.hestyle.backend.openfhe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    @Test
    void aStepWithoutAKeyIsComposedOfTwoKeyedRotations() {
        // 8 slots in a ring of 32: keys for ring rotations 2 and 13 (13 = 5 mod 8) serve step 7 as 2 + 13
        int[] keyed = RotationKeyChoice.keyedRotations(32, INDEX, Set.of(INDEX.applyAsInt(13), INDEX.applyAsInt(2)));
        assertArrayEquals(new int[] {2, 13}, keyed);
        assertArrayEquals(new int[] {2, 13}, RotationKeyChoice.compose(7, 8, keyed));
        // a multiple of the slot count is no rotation at all, and 2 + 2 is the only other sum
        assertArrayEquals(new int[] {2, 2}, RotationKeyChoice.compose(4, 8, keyed));
        // without a pair, three: 1 = 2 + 2 + 13; 3 is no sum of up to three
        assertArrayEquals(new int[] {2, 2, 13}, RotationKeyChoice.compose(1, 8, keyed));
        assertNull(RotationKeyChoice.compose(3, 8, keyed));
        assertNull(RotationKeyChoice.compose(3, 8, new int[] {8, 16}));
    }

    @Test
    void onlyStepsThatTheOthersNeedGetKeysOfTheirOwn() {
        // 16 slots, full ring, a key for rotation 1: 2 = 1 + 1 and 3 = 1 + 1 + 1; a key for 5 makes 6 = 1 + 5, while one
        // for 6 would not serve 5
        int[] keyed = {1};
        Set<Integer> own = RotationKeyChoice.ownKeys(Set.of(2, 3, 5, 6), 16, keyed);
        assertEquals(Set.of(5), own);
        int[] all = RotationKeyChoice.with(keyed, 5);
        for (int step : new int[] {2, 3, 6}) {
            assertNotNull(RotationKeyChoice.compose(step, 16, all), "step " + step + " is composed");
        }
    }

    @Test
    void aGeneratedKeyJoinsTheKeyedRotationsInOrder() {
        assertArrayEquals(new int[] {1, 5, 9}, RotationKeyChoice.with(new int[] {1, 9}, 5));
        assertArrayEquals(new int[] {1, 9}, RotationKeyChoice.with(new int[] {1, 9}, 9));
    }
}
