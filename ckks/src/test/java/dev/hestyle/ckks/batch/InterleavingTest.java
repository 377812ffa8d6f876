package dev.hestyle.ckks.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavingTest {
    private final Interleaving batch = new Interleaving(4, 8);

    @Test
    void interleavedImagesSplitBackAndEmptyPlacesAreZero() {
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] b = {-1, -2, -3};
        double[] engine = batch.interleave(List.of(a, b));
        assertEquals(32, engine.length);
        assertEquals(1, engine[0]);
        assertEquals(-1, engine[1]);
        assertEquals(0, engine[2]);
        assertEquals(2, engine[4]);
        double[][] split = batch.split(engine);
        assertArrayEquals(a, split[0]);
        assertArrayEquals(new double[] {-1, -2, -3, 0, 0, 0, 0, 0}, split[1]);
        assertArrayEquals(new double[8], split[3]);
    }

    /** A rotation of the engine vector by {@code engineSteps(r)} is a cyclic rotation by r of every image. */
    @Test
    void engineRotationRotatesEveryImage() {
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] b = {10, 20, 30, 40, 50, 60, 70, 80};
        double[] engine = batch.interleave(List.of(a, b));
        for (int r : new int[] {1, 3, -1, -7, 9}) {
            int e = batch.engineSteps(r);
            double[] rotated = new double[engine.length];
            for (int i = 0; i < engine.length; i++) {
                rotated[i] = engine[Math.floorMod(i + e, engine.length)];
            }
            double[][] split = batch.split(rotated);
            for (int i = 0; i < 8; i++) {
                assertEquals(a[Math.floorMod(i + r, 8)], split[0][i], "image 0, rotation " + r);
                assertEquals(b[Math.floorMod(i + r, 8)], split[1][i], "image 1, rotation " + r);
            }
        }
    }

    @Test
    void aPlaintextIsRepeatedForEveryImage() {
        double[][] split = batch.split(batch.repeat(new double[] {1, 0, 2}));
        for (double[] image : split) {
            assertArrayEquals(new double[] {1, 0, 2, 0, 0, 0, 0, 0}, image);
        }
    }

    /** Without a batch nothing is copied: the engine vector is the image's. */
    @Test
    void aBatchOfOneIsTheImageItself() {
        Interleaving one = new Interleaving(1, 8);
        double[] v = {1, 2, 3};
        assertSame(v, one.interleave(List.of(v)));
        double[] engine = new double[16];
        assertSame(engine, one.split(engine)[0]);
        assertThrows(IllegalArgumentException.class, () -> one.interleave(List.of(v, v)));
    }

    @Test
    void refusesWhatDoesNotFit() {
        assertThrows(IllegalArgumentException.class, () -> batch.interleave(List.of()));
        assertThrows(IllegalArgumentException.class, () -> batch.interleave(List.of(new double[1], new double[1], new double[1],
                new double[1], new double[1])));
        assertThrows(IllegalArgumentException.class, () -> batch.repeat(new double[9]));
        assertThrows(IllegalArgumentException.class, () -> batch.split(new double[31]));
        assertThrows(IllegalArgumentException.class, () -> new Interleaving(3, 8));
    }
}
