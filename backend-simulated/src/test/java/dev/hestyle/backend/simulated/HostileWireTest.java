package dev.hestyle.backend.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.WireFormatException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.EvalKeyMaterial;
import dev.hestyle.ckks.engine.Evaluator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Hostile simulated ciphertexts and keys: every field rewritten (key id, level, scale, noise, slot count,
 * slots set to NaN or infinity, rotation counts and steps), bit flips and truncations with valid
 * checksums. Each is refused with a {@link WireFormatException} or, if it is still a well-formed body,
 * evaluates with typed errors only.
 */
class HostileWireTest {
    private final Fixture f = Fixture.bootstrapping(5, 1, 3);

    @Test
    void hostileCiphertextsAreRefusedOrEvaluateWithTypedErrorsOnly() throws IOException {
        byte[] payload = payload(bytes(f.client.encrypt(Fixture.uniform(2, 8192, 1))::write));
        int idLength = Short.toUnsignedInt(ByteBuffer.wrap(payload).getShort(0));
        int levelAt = 2 + idLength;
        int countAt = levelAt + 24;
        int slotAt = countAt + 4;
        List<byte[]> corpus = new ArrayList<>();
        for (int value : new int[] {0x7fff, 0xffff, 0}) {
            corpus.add(with(payload, b -> b.putShort(0, (short) value)));
        }
        corpus.add(with(payload, b -> b.put(2, (byte) 0xc0)));  // not modified UTF-8
        corpus.add(with(payload, b -> b.put(2, (byte) 0x0a)));  // not printable
        for (int level : new int[] {-1, f.params.freshLevels() + 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            corpus.add(with(payload, b -> b.putInt(levelAt, level)));
        }
        for (int scale : new int[] {0, f.params.scaleBits() + 1, -1}) {
            corpus.add(with(payload, b -> b.putInt(levelAt + 4, scale)));
        }
        for (double noise : new double[] {Double.NaN, -1, Double.POSITIVE_INFINITY}) {
            corpus.add(with(payload, b -> b.putDouble(levelAt + 8, noise)));
        }
        for (int count : new int[] {0, -1, f.params.slots() - 1, f.params.slots() + 1, Integer.MAX_VALUE}) {
            corpus.add(with(payload, b -> b.putInt(countAt, count)));
        }
        for (double slot : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            corpus.add(with(payload, b -> b.putDouble(slotAt, slot)));
            corpus.add(with(payload, b -> b.putDouble(payload.length - 8, slot)));
        }
        int refusedFields = 0;
        for (byte[] mutant : corpus) {
            refusedFields += attack(mutant) ? 0 : 1;
        }
        assertEquals(corpus.size(), refusedFields, "every field-level mutant is refused");
        flipsAndCuts(payload, 3, this::attack);
        assertTrue(attack(payload), "the untouched body is accepted");
    }

    @Test
    void hostileKeysAreRefusedOrServeWithTypedErrorsOnly() throws IOException {
        byte[] payload = payload(bytes(f.keys.evaluationKeys()::write));
        int idLength = Short.toUnsignedInt(ByteBuffer.wrap(payload).getShort(0));
        int setAt = 2 + idLength;
        int setLength = Short.toUnsignedInt(ByteBuffer.wrap(payload).getShort(setAt));
        int countAt = setAt + 2 + setLength + 2;
        List<byte[]> refused = new ArrayList<>();
        refused.add(with(payload, b -> b.putShort(0, (short) 0)));
        refused.add(with(payload, b -> b.put(2, (byte) 0xc0)));
        refused.add(with(payload, b -> b.put(setAt + 2, (byte) 'x')));
        for (int count : new int[] {-1, 3, f.params.slots(), Integer.MAX_VALUE}) {
            refused.add(with(payload, b -> b.putInt(countAt, count)));
        }
        for (int step : new int[] {0, -1, f.params.slots(), 3}) {
            refused.add(with(payload, b -> b.putInt(countAt + 4, step)));
        }
        for (byte[] mutant : refused) {
            assertTrue(!attackKeys(mutant), "a field-level mutant of the keys was accepted");
        }
        flipsAndCuts(payload, 4, this::attackKeys);
        assertTrue(attackKeys(payload), "the untouched body is accepted");
    }

    /** True if the ciphertext body was accepted (and then evaluated). */
    private boolean attack(byte[] payload) {
        Ct ct;
        try {
            ct = f.engine.readCiphertext(f.params, in(section(payload)));
        } catch (WireFormatException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return fail("raised " + e, e);
        }
        typedOnly(() -> f.server.rotate(ct, 1));
        typedOnly(() -> f.server.mul(ct, ct));
        typedOnly(() -> f.server.bootstrap(ct));
        typedOnly(() -> f.client.decrypt(ct));
        return true;
    }

    private boolean attackKeys(byte[] payload) {
        EvalKeyMaterial keys;
        try {
            keys = f.engine.readEvalKeys(f.params, in(section(payload)));
        } catch (WireFormatException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return fail("raised " + e, e);
        }
        typedOnly(() -> {
            Evaluator server = f.engine.evaluator(f.params, keys);
            return server.rotate(f.client.encrypt(new double[] {1, 2}), 1);
        });
        return true;
    }

    /** 300 single bit flips and 300 truncations of {@code payload}, each with a valid checksum. */
    private static void flipsAndCuts(byte[] payload, long seed, java.util.function.Predicate<byte[]> attack) {
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            byte[] flipped = payload.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            attack.test(flipped);
            attack.test(Arrays.copyOf(payload, random.nextInt(payload.length)));
        }
    }

    private static void typedOnly(java.util.function.Supplier<Object> use) {
        try {
            use.get();
        } catch (HestyleException e) {
            // a typed refusal
        } catch (RuntimeException e) {
            fail("raised " + e, e);
        }
    }

    private static byte[] with(byte[] payload, Consumer<ByteBuffer> change) {
        byte[] copy = payload.clone();
        change.accept(ByteBuffer.wrap(copy));
        return copy;
    }

    private static byte[] payload(byte[] section) {
        return Arrays.copyOfRange(section, 4, section.length - 4);
    }

    /** The payload as a section with a valid checksum, as an attacker would send it. */
    private static byte[] section(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return ByteBuffer.allocate(payload.length + 8).putInt(payload.length).put(payload).putInt((int) crc.getValue()).array();
    }

    private interface IoWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(IoWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(out)) {
            writer.write(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static DataInputStream in(byte[] b) {
        return new DataInputStream(new ByteArrayInputStream(b));
    }
}
