package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.ckks.engine.Evaluator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Ciphertext and key bodies round-trip; damaged bodies are refused. */
class SerializationTest {

    private static byte[] bytes(IoWriter w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        w.write(d);
        d.flush();
        return out.toByteArray();
    }

    private interface IoWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static DataInputStream in(byte[] b) {
        return new DataInputStream(new ByteArrayInputStream(b));
    }

    @Test
    void ciphertextRoundTripsAndKeepsItsLineage() throws IOException {
        Fixture f = Fixture.bootstrapping(1, 3);
        Ct c = f.server.mulConst(f.client.encrypt(Fixture.uniform(1, 8192, 1)), 0.5);
        Ct back = f.engine.readCiphertext(f.params, in(bytes(c::write)));
        assertEquals(c.level(), back.level());
        assertArrayEquals(f.client.decrypt(c), f.client.decrypt(back));
        // the same operation on the copy gives the same bits: results do not depend on the wire
        assertArrayEquals(f.client.decrypt(f.server.rotate(c, 3)), f.client.decrypt(f.server.rotate(back, 3)));
    }

    @Test
    void corruptCiphertextIsRefused() throws IOException {
        Fixture f = Fixture.clientAided(2);
        byte[] b = bytes(f.client.encrypt(new double[] {1, 2})::write);
        b[b.length / 2] ^= 1;
        assertThrows(WireFormatException.class, () -> f.engine.readCiphertext(f.params, in(b)));
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 10);
        assertThrows(WireFormatException.class, () -> f.engine.readCiphertext(f.params, in(cut)));
    }

    @Test
    void keysSerializeCompactlyButReportTheModelledSize() throws IOException {
        Fixture f = Fixture.bootstrapping(3, 1, 2, 3);
        EvalKeyMaterial keys = f.keys.evaluationKeys();
        byte[] b = bytes(keys::write);
        assertTrue(b.length < 200, "compact description: " + b.length + " bytes");
        assertEquals(b.length, keys.byteSize(), "byteSize() is the serialized length");
        // 3 rotation + 1 relinearisation + 87 bootstrap keys of 98.3 MiB, plus a 25 MiB public key
        assertEquals((3 + 1 + 87) * 98.3 * (1 << 20) + 25L * (1 << 20), ((SimulatedKeys) keys).modelledByteSize(), 1.0);

        EvalKeyMaterial back = f.engine.readEvalKeys(f.params, in(b));
        assertEquals(keys.keyId(), back.keyId());
        assertEquals(keys.byteSize(), back.byteSize());
        Evaluator server = f.engine.evaluator(f.params, back);
        Ct c = f.client.encrypt(new double[] {1, 2, 3, 4});
        assertEquals(4, f.client.decrypt(server.rotate(c, 3))[0], 1e-6);
        assertThrows(EvaluationException.class, () -> server.rotate(c, 4));
    }

    @Test
    void keysOfAnotherParameterSetAreRefused() throws IOException {
        Fixture boot = Fixture.bootstrapping(4);
        Fixture small = Fixture.clientAided(4);
        byte[] b = bytes(boot.keys.evaluationKeys()::write);
        assertThrows(WireFormatException.class, () -> small.engine.readEvalKeys(small.params, in(b)));
        assertThrows(IllegalArgumentException.class, () -> small.engine.evaluator(small.params, boot.keys.evaluationKeys()));
    }

    @Test
    void ciphertextsOfAnotherKeySetAreRefused() {
        Fixture a = Fixture.clientAided(5);
        Fixture b = Fixture.clientAided(5);
        Ct c = a.client.encrypt(new double[] {1});
        assertEquals(WireFormatException.Reason.KEY_MISMATCH, assertThrows(WireFormatException.class, () -> b.server.addConst(c, 1)).reason());
        assertEquals(WireFormatException.Reason.KEY_MISMATCH, assertThrows(WireFormatException.class, () -> b.client.decrypt(c)).reason());
    }
}
