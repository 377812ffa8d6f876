package dev.hestyle.ckks.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReluDepthSearchTest {
    /**
     * A toy model: one level per unit of depth, {@code levels} in all; work is the sum of 2^depth; error is
     * {@code sensitivity[k] * 4^-depth[k]} summed (each level quarters a ReLU's squared error).
     */
    record Toy(int levels, double[] sensitivity) implements ReluDepthSearch.Candidates<int[]> {
        @Override
        public int[] build(int[] depths) {
            return depths.clone();
        }

        @Override
        public ReluDepthSearch.Cost cost(int[] d) {
            int used = Arrays.stream(d).sum();
            long work = Arrays.stream(d).mapToLong(x -> 1L << x).sum();
            return used > levels ? null : new ReluDepthSearch.Cost(0, used <= levels ? 1 : 2, work);
        }

        @Override
        public double[] errors(List<int[]> candidates) {
            return candidates.stream().mapToDouble(d -> {
                double e = 0;
                for (int k = 0; k < d.length; k++) {
                    e += sensitivity[k] * Math.pow(4, -d[k]);
                }
                return e;
            }).toArray();
        }
    }

    @Test
    void spendsSpareLevelsWhereTheyHelpMost() {
        // 16 levels for three ReLUs requested at depth 5: one spare level, on the most sensitive ReLU; the work slack
        // (10% of 96) allows one raise from 32 to 64 products... which is more than 10%, so nothing is raised
        assertArrayEquals(new int[] {5, 5, 5}, ReluDepthSearch.choose(5, 3, new Toy(16, new double[] {1, 9, 2})));
        // at depth 3 the work is small (3 x 8): one raise (+8 products) is more than 10% too
        assertArrayEquals(new int[] {3, 3}, ReluDepthSearch.choose(3, 2, new Toy(7, new double[] {1, 9})));
    }

    @Test
    void raisesTheMostSensitiveReluWithinTheWorkSlack() {
        // twenty ReLUs at depth 2 (work 80): one raise costs 4 more products (5%), two fit in the slack
        double[] s = new double[20];
        s[3] = 5;
        s[11] = 9;
        int[] got = ReluDepthSearch.choose(2, 20, new Toy(100, s));
        int[] want = new int[20];
        Arrays.fill(want, 2);
        want[11] = 3;
        want[3] = 3;
        assertArrayEquals(want, got);
    }

    @Test
    void neverBelowTheRequestedDepthAndNeverPastTheLevels() {
        double[] s = new double[20];
        Arrays.fill(s, 1);
        // 41 levels: only one spare, so only one raise though the work would allow two
        int[] got = ReluDepthSearch.choose(2, 20, new Toy(41, s));
        int[] want = new int[20];
        Arrays.fill(want, 2);
        want[0] = 3;
        assertArrayEquals(want, got, "ties go to the first ReLU");
    }

    @Test
    void remembersASearchByKey() {
        double[] s = new double[20];
        s[5] = 1;
        int[] calls = new int[1];
        Toy toy = new Toy(100, s);
        ReluDepthSearch.Candidates<int[]> counting = new ReluDepthSearch.Candidates<>() {
            @Override
            public int[] build(int[] depths) {
                return toy.build(depths);
            }

            @Override
            public ReluDepthSearch.Cost cost(int[] d) {
                return toy.cost(d);
            }

            @Override
            public double[] errors(List<int[]> candidates) {
                calls[0]++;
                return toy.errors(candidates);
            }
        };
        String key = "test-" + System.nanoTime();
        int[] first = ReluDepthSearch.choose(key, 2, 20, counting);
        int measured = calls[0];
        first[0] = 99;
        int[] again = ReluDepthSearch.choose(key, 2, 20, counting);
        assertEquals(measured, calls[0], "the second search is remembered");
        assertArrayEquals(ReluDepthSearch.choose(2, 20, toy), again, "and returned as a fresh copy");
    }
}
