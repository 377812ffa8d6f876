package dev.hestyle.ckks.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.backend.clear.ClearInterpreter;
import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.program.PlainInterpreter;
import dev.hestyle.ckks.testing.ExactEngine;
import dev.hestyle.ckks.testing.TestNets;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.PlanReport;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import dev.hestyle.spi.Server;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared backend end to end on an exact test engine: roles, counts, wire format, refusals. */
class CkksBackendTest {
    static final Shape IN = new Shape(2, 8, 8);

    static CompileOptions options(Mode mode, List<Tensor> cal) {
        return new CompileOptions(mode, 3, Security.INSECURE_TEST_ONLY, cal, ProgressListener.NONE);
    }

    @Test
    void nonInteractiveEndToEnd() {
        Random r = new Random(31);
        Sequential g = TestNets.small(r);
        List<Tensor> cal = TestNets.random(r, IN, 1.0, 3);
        ExactEngine engine = ExactEngine.bootstrapping(8, 8);
        try (CkksBackend backend = new CkksBackend(engine, true)) {
            assertEquals("exact-test", backend.name());
            CkksCompiledModel model = backend.compile(g, IN, options(Mode.NON_INTERACTIVE, cal));
            PlanReport plan = model.plan();
            assertEquals(Mode.NON_INTERACTIVE, plan.mode());
            assertTrue(plan.ops().bootstraps() > 0 && plan.rotationKeys() > 0, plan.toString());
            assertEquals(3, plan.details().get("relu_depth"));
            // the requested depth is the least: where levels are left over, the planner spends them on deeper ReLUs
            @SuppressWarnings("unchecked")
            List<Integer> depths = (List<Integer>) plan.details().get("relu_depths");
            @SuppressWarnings("unchecked")
            List<Integer> degrees = (List<Integer>) plan.details().get("poly_degrees");
            assertEquals(depths.size(), degrees.size());
            for (int k = 0; k < depths.size(); k++) {
                assertTrue(depths.get(k) >= 3, plan.details().toString());
                assertEquals((1 << depths.get(k)) - 1, degrees.get(k));
            }
            assertTrue(plan.details().get("steps").toString().contains("bootstrap"));
            try (Client client = model.newClient(); Server server = model.newServer(client.evaluationKeys())) {
                Tensor x = cal.get(2);
                Ciphertext ct = client.encrypt(x);
                assertEquals(IN, ct.shape());
                Evaluation ev = server.run(ct, ClientAssist.NONE, ProgressListener.NONE);
                assertEquals(plan.ops(), ev.ops(), "server counts equal the plan");
                assertEquals(0, ev.clientRoundTrips());
                Tensor out = client.decrypt(ev.output());
                Tensor expected = PlainInterpreter.run(model.program(), x, PlainInterpreter.Activations.POLYNOMIAL);
                assertTrue(out.maxAbsDiff(expected) < 1e-9, "decrypted output = plain polynomial program");
                assertTrue(ev.details().containsKey("output_level"));
            }
        }
        assertTrue(engine.isClosed(), "the backend closes its engine");
    }

    @Test
    void clientAidedEndToEndIsExact() {
        Random r = new Random(32);
        Sequential g = TestNets.small(r);
        try (CkksBackend backend = new CkksBackend(new ExactEngine(new Capabilities(false, 8192, 2, 0, 0)), true)) {
            CkksCompiledModel model = backend.compile(g, IN, options(Mode.CLIENT_AIDED, List.of()));
            assertEquals(g.reluCount(), model.plan().clientRoundTrips());
            assertTrue(model.plan().levelsUsed() <= 2);
            try (Client client = model.newClient(); Server server = model.newServer(client.evaluationKeys())) {
                Tensor x = TestNets.random(r, IN, 1.0);
                // the assist goes through bytes both ways, as over a network
                ClientAssist remote = req -> {
                    try {
                        return model.readCiphertext(new ByteArrayInputStream(
                                client.assist(model.readCiphertext(new ByteArrayInputStream(req.toBytes()))).toBytes()));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                };
                Evaluation ev = server.run(client.encrypt(x), remote, ProgressListener.NONE);
                assertEquals(g.reluCount(), ev.clientRoundTrips());
                Tensor out = client.decrypt(ev.output());
                assertTrue(out.maxAbsDiff(ClearInterpreter.run(g, x)) < 1e-9);
                EvaluationException none = assertThrows(EvaluationException.class,
                        () -> server.run(client.encrypt(x), ClientAssist.NONE, ProgressListener.NONE));
                assertTrue(none.getMessage().contains("client"), none.getMessage());
            }
        }
    }

    @Test
    void wireFormatRoundTripsAndRefusals() throws IOException {
        Random r = new Random(33);
        Sequential g = TestNets.small(r);
        List<Tensor> cal = TestNets.random(r, IN, 1.0, 2);
        try (CkksBackend backend = new CkksBackend(ExactEngine.bootstrapping(8, 8), false)) {
            CkksCompiledModel model = backend.compile(g, IN, options(Mode.NON_INTERACTIVE, cal));
            assertNull(model.plan().securityBits(), "a non-encrypting engine claims no security");
            CkksCompiledModel other = backend.compile(TestNets.small(new Random(99)), IN, options(Mode.NON_INTERACTIVE, cal));
            try (Client client = model.newClient(); Client stranger = model.newClient()) {
                Tensor x = cal.get(0);
                byte[] ctBytes = client.encrypt(x).toBytes();
                Ciphertext back = model.readCiphertext(new ByteArrayInputStream(ctBytes));
                assertTrue(client.decrypt(back).maxAbsDiff(x) < 1e-12, "ciphertext survives the wire");

                ByteArrayOutputStream keyBytes = new ByteArrayOutputStream();
                client.evaluationKeys().writeTo(keyBytes);
                assertEquals(keyBytes.size(), client.evaluationKeys().byteSize());
                EvaluationKeys keys = model.readEvaluationKeys(new ByteArrayInputStream(keyBytes.toByteArray()));
                assertEquals(client.evaluationKeys().keyId(), keys.keyId());
                try (Server server = model.newServer(keys)) {
                    Evaluation ev = server.run(back, ClientAssist.NONE, ProgressListener.NONE);
                    assertTrue(client.decrypt(ev.output()).maxAbsDiff(PlainInterpreter.run(model.program(), x, PlainInterpreter.Activations.POLYNOMIAL)) < 1e-9);
                    WireFormatException foreign = assertThrows(WireFormatException.class,
                            () -> server.run(stranger.encrypt(x), ClientAssist.NONE, ProgressListener.NONE));
                    assertEquals(Reason.KEY_MISMATCH, foreign.reason());
                    WireFormatException outputAsInput = assertThrows(WireFormatException.class,
                            () -> server.run(ev.output(), ClientAssist.NONE, ProgressListener.NONE));
                    assertTrue(outputAsInput.getMessage().contains("network input"), outputAsInput.getMessage());
                }
                assertEquals(Reason.KEY_MISMATCH, assertThrows(WireFormatException.class, () -> stranger.decrypt(back)).reason());

                byte[] cut = Arrays.copyOf(ctBytes, ctBytes.length - 9);
                assertEquals(Reason.TRUNCATED, assertThrows(WireFormatException.class,
                        () -> model.readCiphertext(new ByteArrayInputStream(cut))).reason());
                byte[] cutKeys = Arrays.copyOf(keyBytes.toByteArray(), keyBytes.size() - 3);
                assertEquals(Reason.TRUNCATED, assertThrows(WireFormatException.class,
                        () -> model.readEvaluationKeys(new ByteArrayInputStream(cutKeys))).reason());
                assertEquals(Reason.PARAMETER_MISMATCH, assertThrows(WireFormatException.class,
                        () -> other.readCiphertext(new ByteArrayInputStream(ctBytes))).reason(), "another plan's ciphertext");
                assertEquals(Reason.WRONG_KIND, assertThrows(WireFormatException.class,
                        () -> model.readCiphertext(new ByteArrayInputStream(keyBytes.toByteArray()))).reason());
            }
        }
    }

    @Test
    void refusesInsecureParametersOutsideTests() {
        String key = Security.ALLOW_INSECURE_PROPERTY;
        String before = System.getProperty(key);
        try (CkksBackend backend = new CkksBackend(ExactEngine.bootstrapping(8, 8), true)) {
            System.setProperty(key, "false");
            assertThrows(IllegalStateException.class, () -> backend.compile(TestNets.small(new Random(1)), IN, options(Mode.CLIENT_AIDED, List.of())));
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
