package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.KeyRequest;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.ckks.engine.ActivationInterval;
import dev.hestyle.ckks.engine.RangeCheck;
import dev.hestyle.spi.Security;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bootstrapping only accepts inputs in [-1, 1] and needs its keys. */
class BootstrapRangeTest {

    @Test
    void refusesInputOutsideTheUnitInterval() {
        Fixture f = Fixture.bootstrapping(1);
        double[] x = Fixture.uniform(1, 8192, 0.9);
        x[1234] = 1.2;
        Ct c = f.client.encrypt(x);
        EvaluationException e = assertThrows(EvaluationException.class, () -> f.server.bootstrap(c));
        assertTrue(e.getMessage().startsWith("bootstrap input outside [-1,1]"), e.getMessage());
        assertTrue(e.getMessage().contains("slot 1234"), e.getMessage());
    }

    @Test
    void acceptsTheEndpointsAndSmallExcursions() {
        Fixture f = Fixture.bootstrapping(2);
        Ct c = f.client.encrypt(new double[] {1, -1, 1.01, -1.01});
        double[] got = f.client.decrypt(f.server.bootstrap(c));
        assertEquals(1.01, got[2], 0.01);

        Fixture strict = new Fixture(SimulationOptions.seeded(2).withBootstrapTolerance(0), new ParameterRequest(Security.BITS_128, 8192, 8, true),
                new KeyRequest(Set.of(), true, true));
        Ct d = strict.client.encrypt(new double[] {1.01});
        assertThrows(EvaluationException.class, () -> strict.server.bootstrap(d));
    }

    @Test
    void needsBootstrappingKeysAndParameters() {
        Fixture noKeys = new Fixture(SimulationOptions.seeded(3), new ParameterRequest(Security.BITS_128, 8192, 8, true),
                new KeyRequest(Set.of(), true, false));
        Ct c = noKeys.client.encrypt(new double[] {0.5});
        assertTrue(assertThrows(EvaluationException.class, () -> noKeys.server.bootstrap(c)).getMessage().contains("keys were not generated"));

        Fixture clientAided = Fixture.clientAided(3);
        Ct d = clientAided.client.encrypt(new double[] {0.5});
        assertTrue(assertThrows(EvaluationException.class, () -> clientAided.server.bootstrap(d)).getMessage().contains("has no bootstrapping"));
    }

    @Test
    void activationInputsOutsideTheirIntervalAreReportedWithTheLayer() {
        Fixture f = Fixture.clientAided(4);
        RangeCheck check = (RangeCheck) f.server;
        ActivationInterval interval = new ActivationInterval("model.3.block.0", 6.0);
        check.checkActivationInput(f.client.encrypt(new double[] {0.5, -1, 1.01}), interval);
        Ct outside = f.client.encrypt(new double[] {0.5, -1.3});
        EvaluationException e = assertThrows(EvaluationException.class, () -> check.checkActivationInput(outside, interval));
        assertTrue(e.getMessage().contains("model.3.block.0") && e.getMessage().contains("slot 1"), e.getMessage());
    }
}
