package dev.hestyle.backend.openfhe;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * A corpus of hostile variants of a real artifact body (a sequence of length-prefixed, CRC32C-checked
 * sections): field-level rewrites at given offsets with the checksums made valid again (what an attacker
 * who read the format sends), bit flips and truncations both with valid and with stale checksums, wrong
 * length prefixes, and dropped, repeated or swapped sections.
 */
final class WireMutations {
    /** One hostile input and what was done to it. */
    record Mutant(String name, byte[] bytes) {
    }

    private final List<byte[]> sections;
    private final List<Mutant> mutants = new ArrayList<>();

    WireMutations(byte[] body) {
        this.sections = split(body);
    }

    List<byte[]> sections() {
        return sections;
    }

    List<Mutant> mutants() {
        return mutants;
    }

    /** Section {@code section} with the int at {@code offset} replaced by each of {@code values}. */
    WireMutations ints(String field, int section, int offset, int... values) {
        for (int value : values) {
            byte[] payload = sections.get(section).clone();
            ByteBuffer.wrap(payload).putInt(offset, value);
            add(field + "=" + value, section, payload);
        }
        return this;
    }

    WireMutations longs(String field, int section, int offset, long... values) {
        for (long value : values) {
            byte[] payload = sections.get(section).clone();
            ByteBuffer.wrap(payload).putLong(offset, value);
            add(field + "=" + value, section, payload);
        }
        return this;
    }

    WireMutations doubles(String field, int section, int offset, double... values) {
        for (double value : values) {
            byte[] payload = sections.get(section).clone();
            ByteBuffer.wrap(payload).putDouble(offset, value);
            add(field + "=" + value, section, payload);
        }
        return this;
    }

    WireMutations bytes(String field, int section, int offset, int... values) {
        for (int value : values) {
            byte[] payload = sections.get(section).clone();
            payload[offset] = (byte) value;
            add(field + "=" + value, section, payload);
        }
        return this;
    }

    /** {@code count} single bit flips in section {@code section} with a valid checksum, and as many with a stale one. */
    WireMutations bitFlips(int section, int count, Random random) {
        for (int i = 0; i < count; i++) {
            byte[] payload = sections.get(section).clone();
            int bit = random.nextInt(payload.length * 8);
            payload[bit / 8] ^= (byte) (1 << (bit % 8));
            add("flip bit " + bit + " of section " + section, section, payload);
            byte[] stale = join(sections);
            int at = random.nextInt(stale.length * 8);
            stale[at / 8] ^= (byte) (1 << (at % 8));
            mutants.add(new Mutant("flip bit " + at + " of the stream", stale));
        }
        return this;
    }

    /** Section {@code section} cut to each length (checksum valid), and the whole stream cut short. */
    WireMutations truncations(int section, int count, Random random) {
        int length = sections.get(section).length;
        for (int i = 0; i < count; i++) {
            int cut = i < 4 ? new int[] {0, 1, length / 2, length - 1}[i] : random.nextInt(length);
            add("section " + section + " cut to " + cut, section, Arrays.copyOf(sections.get(section), cut));
            byte[] stream = join(sections);
            int streamCut = random.nextInt(stream.length);
            mutants.add(new Mutant("stream cut to " + streamCut, Arrays.copyOf(stream, streamCut)));
        }
        return this;
    }

    /** Length prefixes that claim more or less than is there, and sections dropped, repeated or swapped. */
    WireMutations structure() {
        byte[] stream = join(sections);
        for (int claim : new int[] {-1, Integer.MAX_VALUE, 1 << 30, sections.get(0).length + 1, sections.get(0).length - 1}) {
            byte[] bytes = stream.clone();
            ByteBuffer.wrap(bytes).putInt(0, claim);
            mutants.add(new Mutant("first length prefix " + claim, bytes));
        }
        byte[] grown = Arrays.copyOf(stream, stream.length + 64);
        mutants.add(new Mutant("64 trailing bytes", grown));
        if (sections.size() > 1) {
            for (int i = 0; i < sections.size(); i++) {
                List<byte[]> dropped = new ArrayList<>(sections);
                dropped.remove(i);
                mutants.add(new Mutant("section " + i + " dropped", join(dropped)));
                List<byte[]> repeated = new ArrayList<>(sections);
                repeated.add(i, sections.get(i));
                mutants.add(new Mutant("section " + i + " repeated", join(repeated)));
            }
            for (int i = 1; i + 1 < sections.size(); i++) {
                List<byte[]> swapped = new ArrayList<>(sections);
                swapped.set(i, sections.get(i + 1));
                swapped.set(i + 1, sections.get(i));
                mutants.add(new Mutant("sections " + i + " and " + (i + 1) + " swapped", join(swapped)));
            }
        }
        return this;
    }

    private void add(String name, int section, byte[] payload) {
        List<byte[]> changed = new ArrayList<>(sections);
        changed.set(section, payload);
        mutants.add(new Mutant(name, join(changed)));
    }

    static byte[] join(List<byte[]> payloads) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (byte[] payload : payloads) {
                CRC32C crc = new CRC32C();
                crc.update(payload);
                out.writeInt(payload.length);
                out.write(payload);
                out.writeInt((int) crc.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<byte[]> split(byte[] body) {
        List<byte[]> payloads = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(body);
        while (in.hasRemaining()) {
            byte[] payload = new byte[in.getInt()];
            in.get(payload);
            in.getInt();
            payloads.add(payload);
        }
        return payloads;
    }
}
