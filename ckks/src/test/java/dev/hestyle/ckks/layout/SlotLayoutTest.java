package dev.hestyle.ckks.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.ckks.testing.TestNets;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SlotLayoutTest {

    @ParameterizedTest
    @CsvSource({"3,32,32", "8,32,32", "16,16,16", "32,16,16", "32,8,8", "5,8,8", "1,4,4"})
    void packUnpackRoundTripAndEveryReplicaHoldsTheTensor(int c, int h, int w) {
        Shape shape = new Shape(c, h, w);
        SlotLayout layout = SlotLayout.of(shape, 32, 32, 8192);
        Tensor t = TestNets.random(new Random(c * 100 + h), shape, 1.0);
        double[] slots = layout.pack(t);
        assertEquals(8192, slots.length);
        assertArrayEquals(t.data(), layout.unpack(slots).data(), 0.0);
        for (int r = 0; r < layout.replicas(); r++) {
            for (int i = 0; i < shape.size(); i++) {
                assertEquals(t.data()[i], slots[r * layout.period() + layout.slotOf(i)], 0.0, "replica " + r);
            }
        }
        // every element has its own slot, inside the period
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < shape.size(); i++) {
            assertTrue(layout.slotOf(i) >= 0 && layout.slotOf(i) < layout.period());
            assertTrue(seen.add(layout.slotOf(i)), "slot used twice");
        }
        assertEquals(shape.size(), layout.unpack(slots, 2.0).data().length);
        assertArrayEquals(scaled(t.data(), 0.5), layout.unpack(layout.pack(t, 2.0)).data(), 1e-15);
    }

    @Test
    void channelMajorAt32AndMultiplexedBelow() {
        SlotLayout full = SlotLayout.of(new Shape(8, 32, 32), 32, 32, 8192);
        assertTrue(full.channelMajor());
        assertEquals(5 * 1024 + 7 * 32 + 9, full.slot(5, 7, 9));
        assertEquals(1, full.replicas());

        SlotLayout half = SlotLayout.of(new Shape(16, 16, 16), 32, 32, 8192);
        assertFalse(half.channelMajor());
        // channel 5 = group 1 (block 1), index 1 in the group: (a, b) = (0, 1)
        assertEquals(1024 + (2 * 3 + 0) * 32 + 2 * 4 + 1, half.slot(5, 3, 4));
        // channel 7 = group 1, index 3: (a, b) = (1, 1)
        assertEquals(1024 + (2 * 3 + 1) * 32 + 2 * 4 + 1, half.slot(7, 3, 4));
        assertEquals(4096, half.period());
        assertEquals(2, half.replicas());

        SlotLayout quarter = SlotLayout.of(new Shape(32, 8, 8), 32, 32, 8192);
        // channel 21 = block 1, index 5: (a, b) = (1, 1), gap 4
        assertEquals(1024 + (4 * 2 + 1) * 32 + 4 * 6 + 1, quarter.slot(21, 2, 6));
        assertEquals(2048, quarter.period());
        assertEquals(4, quarter.replicas());
        // a pixel keeps its place on the grid across resolutions (up to the in-group offset)
        assertEquals(full.slot(0, 8, 12), half.slot(0, 4, 6));
        assertEquals(full.slot(0, 8, 12), quarter.slot(0, 2, 3));
    }

    @Test
    void rejectsWhatDoesNotFit() {
        assertThrows(IllegalArgumentException.class, () -> SlotLayout.of(new Shape(3, 12, 12), 32, 32, 8192));
        assertThrows(IllegalArgumentException.class, () -> SlotLayout.of(new Shape(3, 32, 32), 32, 32, 6000));
        SlotLayout l = SlotLayout.of(new Shape(3, 32, 32), 32, 32, 8192);
        assertThrows(IllegalArgumentException.class, () -> l.pack(Tensor.zeros(new Shape(3, 16, 16))));
    }

    @ParameterizedTest
    @CsvSource({"9,32,32,32,32,2", "8,128,128,128,128,16", "3,128,128,128,128,6", "16,64,64,128,128,8", "32,32,32,128,128,4",
            "3,96,128,96,128,5"})
    void aTensorLargerThanOneCiphertextSpansSeveral(int c, int h, int w, int gridH, int gridW, int expected) {
        int slots = 8192;
        Shape shape = new Shape(c, h, w);
        SlotLayout layout = SlotLayout.of(shape, gridH, gridW, slots);
        assertEquals(expected, layout.ciphertexts(), layout.describe());
        assertFalse(layout.single());
        assertEquals(1, layout.replicas());
        Tensor t = TestNets.random(new Random(c + h), shape, 1.0);
        double[][] packed = layout.packAll(t, 2.0);
        assertEquals(expected, packed.length);
        assertArrayEquals(t.data(), layout.unpackAll(packed, 2.0).data(), 1e-15);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < shape.size(); i++) {
            int p = layout.slotOf(i);
            assertTrue(p >= 0 && p < expected * slots);
            assertTrue(seen.add(p), "position used twice");
        }
        assertThrows(IllegalStateException.class, () -> layout.pack(t));
        assertThrows(IllegalArgumentException.class, () -> layout.unpackAll(new double[expected - 1][slots], 1));
    }

    private static double[] scaled(double[] v, double f) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= f;
        }
        return r;
    }
}
