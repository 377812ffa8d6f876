package dev.hestyle.ckks.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.ckks.linear.BsgsSplit;
import dev.hestyle.ckks.linear.SlotMatrix;
import dev.hestyle.ckks.testing.TestNets;
import dev.hestyle.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RotationKeySharingTest {

    @Test
    void sharedSplitsNeedFewerKeysForAFewRotations() {
        Shape in = new Shape(3, 32, 32);
        List<Node> nodes = GraphLowering.lower(TestNets.mosaicShaped(new Random(4)), in);
        Layouts layouts = Layouts.of(in, nodes, PlannerTest.BOOT8.maxSlots());
        List<SlotMatrix> matrices = new ArrayList<>();
        for (int j = 0; j < nodes.size(); j++) {
            if (nodes.get(j) instanceof Node.Segment s) {
                matrices.add(SlotMatrix.of(dev.hestyle.ckks.linear.TensorAffine.of(s.affine()), layouts.before(j), layouts.after(j)));
            }
        }
        assertEquals(16, matrices.size());
        List<BsgsSplit> alone = RotationKeySharing.choose(matrices, 0, 0);
        List<BsgsSplit> shared = RotationKeySharing.choose(matrices, RotationKeySharing.KEY_WEIGHT, RotationKeySharing.SLACK);
        int rotAlone = 0;
        int rotShared = 0;
        Set<Integer> keysAlone = new TreeSet<>();
        Set<Integer> keysShared = new TreeSet<>();
        for (int i = 0; i < matrices.size(); i++) {
            int[] offsets = matrices.get(i).offsets();
            assertEquals(matrices.get(i).bestSplit().rotations(), alone.get(i).rotations(), "without a key weight every map takes its best split");
            assertTrue(shared.get(i).rotations() <= alone.get(i).rotations() + RotationKeySharing.SLACK);
            rotAlone += alone.get(i).rotations();
            rotShared += shared.get(i).rotations();
            keysAlone.addAll(alone.get(i).keys(offsets, 8192));
            keysShared.addAll(shared.get(i).keys(offsets, 8192));
        }
        assertTrue(keysShared.size() < keysAlone.size(), keysShared.size() + " vs " + keysAlone.size());
        // the trade is worth it under the objective
        assertTrue(rotShared + RotationKeySharing.KEY_WEIGHT * keysShared.size() < rotAlone + RotationKeySharing.KEY_WEIGHT * keysAlone.size());
    }
}
