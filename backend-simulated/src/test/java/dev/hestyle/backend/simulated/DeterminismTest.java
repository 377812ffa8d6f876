package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hestyle.ckks.engine.Ct;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The same seed and program give the same bits; another seed gives other noise. */
class DeterminismTest {

    private static double[] run(long seed) {
        Fixture f = Fixture.bootstrapping(seed, 1, 7);
        double[] x = Fixture.uniform(11, 8192, 0.7);
        double[] w = Fixture.uniform(12, 8192, 0.7);
        Ct c = f.client.encrypt(x);
        Ct r = f.server.add(f.server.rotate(c, 1), f.server.rotateHoisted(c, new int[] {7})[0]);
        Ct m = f.server.mul(f.server.mulPlain(r, w), f.server.mulConst(c, 0.3));
        return f.client.decrypt(f.server.bootstrap(m));
    }

    @Test
    void sameSeedSameResult() {
        assertArrayEquals(run(42), run(42));
    }

    @Test
    void otherSeedOtherNoise() {
        assertFalse(Arrays.equals(run(42), run(43)));
    }

    @Test
    void resultDoesNotDependOnOperationOrder() {
        Fixture f = Fixture.clientAided(5, 1, 2);
        Ct c = f.client.encrypt(Fixture.uniform(1, 8192, 1));
        double[] first = f.client.decrypt(f.server.rotate(c, 1));
        f.server.rotate(c, 2);
        assertArrayEquals(first, f.client.decrypt(f.server.rotate(c, 1)));
    }
}
