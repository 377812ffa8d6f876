package dev.hestyle.ckks.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BsgsSplitTest {

    @Test
    void everyOffsetIsBabyPlusGiantAndTheCountsAreExact() {
        Random r = new Random(2);
        for (int trial = 0; trial < 20; trial++) {
            int period = 1 << (6 + r.nextInt(8));
            Set<Integer> d = new TreeSet<>();
            int count = 1 + r.nextInt(Math.min(200, period));
            while (d.size() < count) {
                d.add(r.nextInt(period));
            }
            int[] offsets = d.stream().mapToInt(Integer::intValue).toArray();
            int allBaby = (int) d.stream().filter(x -> x != 0).count();
            List<BsgsSplit> candidates = BsgsSplit.candidates(offsets, period, 6);
            assertTrue(candidates.get(0).rotations() <= allBaby, "never worse than rotating for every diagonal");
            assertEquals(BsgsSplit.choose(offsets, period), candidates.get(0));
            for (BsgsSplit s : candidates) {
                assertTrue(s.rotations() <= candidates.get(0).rotations() + 6);
                Set<Integer> babies = new HashSet<>();
                Set<Long> giants = new HashSet<>();
                Set<Integer> outers = new HashSet<>();
                for (int o : offsets) {
                    int b = s.baby(o);
                    int g = Math.floorMod(s.giant(o), period);
                    int u = Math.floorMod(s.outer(o), period);
                    assertEquals(o, Math.floorMod(b + g + u, period), "offset " + o + " with " + s);
                    assertTrue(b >= -s.shift() && b < s.babySpan() - s.shift());
                    if (b != 0) {
                        babies.add(b);
                    }
                    if (g != 0) {
                        giants.add((long) u * period + g);
                    }
                    if (u != 0) {
                        outers.add(u);
                    }
                }
                assertEquals(babies.size(), s.babyRotations(), s.toString());
                assertEquals(giants.size() + outers.size(), s.giantRotations(), s.toString());
            }
        }
    }

    @Test
    void aConvolutionPatternNeedsAboutTwiceTheSquareRoot() {
        // a 3x3 kernel over 8 channel blocks of a 32-wide grid: 72 offsets
        Set<Integer> d = new TreeSet<>();
        for (int c = 0; c < 8; c++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    d.add(Math.floorMod(c * 1024 + dy * 32 + dx, 8192));
                }
            }
        }
        BsgsSplit s = BsgsSplit.choose(d.stream().mapToInt(Integer::intValue).toArray(), 8192);
        assertTrue(s.rotations() <= 17, s.toString());
    }
}
