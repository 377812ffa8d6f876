package dev.hestyle.ckks.program;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Metered;
import dev.hestyle.ckks.testing.ExactEvaluator;
import dev.hestyle.spi.OpCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountingEvaluatorTest {

    @Test
    void countsEachKindOnceAndHoistedRotationsPerDistinctStep() {
        ExactEvaluator ev = new ExactEvaluator(16, null, 3, "test");
        CountingEvaluator c = new CountingEvaluator(ev);
        Ct x = ev.encrypt(new double[] {0.5, -0.25}, 5);
        c.rotateHoisted(x, new int[] {1, 2, 2, 0, 16, 17});
        c.rotate(x, 3);
        c.rotate(x, 0);
        c.rotate(x, -16);
        c.mulPlain(x, new double[] {1});
        c.mulConst(x, 2);
        c.mul(x, x);
        c.add(x, x);
        c.addConst(x, 1);
        c.addPlain(x, new double[] {1});
        c.bootstrap(x);
        // hoisted: 1, 2 (17 = 1 again), then 3
        assertEquals(new OpCounts(3, 1, 2, 1), c.counts());
    }

    @Test
    void countsExactlyFromSeveralThreadsAndDeclaresTheWrappedConcurrency() throws Exception {
        ExactEvaluator ev = new ExactEvaluator(16, null, 3, "test");
        CountingEvaluator c = new CountingEvaluator(ev);
        Ct x = ev.encrypt(new double[] {0.5}, 5);
        int perThread = 2000;
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    c.rotate(x, 1).close();
                    c.mulPlain(x, new double[] {1}).close();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(new OpCounts(4L * perThread, 0, 4L * perThread, 0), c.counts());
        assertEquals(ev.concurrent(), c.concurrent());
        ExactEvaluator serial = new ExactEvaluator(16) {
            @Override
            public boolean concurrent() {
                return false;
            }
        };
        assertEquals(false, new CountingEvaluator(serial).concurrent());
    }

    @Test
    void passesThroughTheMeterOfTheWrappedEvaluator() {
        class MeteredEvaluator extends ExactEvaluator implements Metered {
            MeteredEvaluator() {
                super(8);
            }

            @Override
            public Map<String, Object> meter() {
                return Map.of("modelled_seconds", 1.5);
            }
        }
        assertEquals(Map.of("modelled_seconds", 1.5), new CountingEvaluator(new MeteredEvaluator()).meter());
        assertEquals(Map.of(), new CountingEvaluator(new ExactEvaluator(8)).meter());
    }
}
