package dev.hestyle.backend.openfhe;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

/**
 * A corpus of hostile variants of a real artifact body (a sequence of length-prefixed, CRC32C-checked
 * sections): field-level rewrites at given offsets with the checksums made valid again (what an attacker
 * who read the format sends), bit flips and truncations both with valid and with stale checksums, wrong
 * length prefixes, and dropped, repeated or swapped sections.
 */
final class WireMutations {
    /** One hostile input and what was done to it; its bytes are made on demand (a key set can be hundreds of MiB). */
    record Mutant(String name, Supplier<byte[]> make) {
        byte[] bytes() {
            return make.get();
        }
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
            add(field + "=" + value, section, payload -> ByteBuffer.wrap(payload).putInt(offset, value));
        }
        return this;
    }

    WireMutations longs(String field, int section, int offset, long... values) {
        for (long value : values) {
            add(field + "=" + value, section, payload -> ByteBuffer.wrap(payload).putLong(offset, value));
        }
        return this;
    }

    WireMutations doubles(String field, int section, int offset, double... values) {
        for (double value : values) {
            add(field + "=" + value, section, payload -> ByteBuffer.wrap(payload).putDouble(offset, value));
        }
        return this;
    }

    WireMutations bytes(String field, int section, int offset, int... values) {
        for (int value : values) {
            add(field + "=" + value, section, payload -> payload[offset] = (byte) value);
        }
        return this;
    }

    /** {@code count} single bit flips in section {@code section} with a valid checksum, and as many with a stale one. */
    WireMutations bitFlips(int section, int count, Random random) {
        long streamBits = 8L * streamLength();
        for (int i = 0; i < count; i++) {
            int bit = random.nextInt(sections.get(section).length * 8);
            add("flip bit " + bit + " of section " + section, section, payload -> payload[bit / 8] ^= (byte) (1 << (bit % 8)));
            long at = (long) (random.nextDouble() * streamBits);
            mutants.add(new Mutant("flip bit " + at + " of the stream", () -> {
                byte[] stale = join(sections);
                stale[(int) (at / 8)] ^= (byte) (1 << (at % 8));
                return stale;
            }));
        }
        return this;
    }

    /** Section {@code section} cut to each length (checksum valid), and the whole stream cut short. */
    WireMutations truncations(int section, int count, Random random) {
        int length = sections.get(section).length;
        for (int i = 0; i < count; i++) {
            int cut = i < 4 ? new int[] {0, 1, length / 2, length - 1}[i] : random.nextInt(length);
            replace("section " + section + " cut to " + cut, section, () -> Arrays.copyOf(sections.get(section), cut));
            int streamCut = (int) (random.nextDouble() * streamLength());
            mutants.add(new Mutant("stream cut to " + streamCut, () -> Arrays.copyOf(join(sections), streamCut)));
        }
        return this;
    }

    /** Length prefixes that claim more or less than is there, and sections dropped, repeated or swapped. */
    WireMutations structure() {
        for (int claim : new int[] {-1, Integer.MAX_VALUE, 1 << 30, sections.get(0).length + 1, sections.get(0).length - 1}) {
            mutants.add(new Mutant("first length prefix " + claim, () -> {
                byte[] bytes = join(sections);
                ByteBuffer.wrap(bytes).putInt(0, claim);
                return bytes;
            }));
        }
        mutants.add(new Mutant("64 trailing bytes", () -> Arrays.copyOf(join(sections), (int) streamLength() + 64)));
        if (sections.size() > 1) {
            for (int i = 0; i < sections.size(); i += Math.max(1, sections.size() / 8)) {
                int section = i;
                mutants.add(new Mutant("section " + i + " dropped", () -> {
                    List<byte[]> dropped = new ArrayList<>(sections);
                    dropped.remove(section);
                    return join(dropped);
                }));
                mutants.add(new Mutant("section " + i + " repeated", () -> {
                    List<byte[]> repeated = new ArrayList<>(sections);
                    repeated.add(section, sections.get(section));
                    return join(repeated);
                }));
            }
            for (int i = 1; i + 1 < Math.min(sections.size(), 5); i++) {
                int first = i;
                mutants.add(new Mutant("sections " + i + " and " + (i + 1) + " swapped", () -> {
                    List<byte[]> swapped = new ArrayList<>(sections);
                    swapped.set(first, sections.get(first + 1));
                    swapped.set(first + 1, sections.get(first));
                    return join(swapped);
                }));
            }
        }
        return this;
    }

    /** Section {@code section} changed in place by {@code change}, checksums valid. */
    private void add(String name, int section, java.util.function.Consumer<byte[]> change) {
        replace(name, section, () -> {
            byte[] payload = sections.get(section).clone();
            change.accept(payload);
            return payload;
        });
    }

    private void replace(String name, int section, Supplier<byte[]> payload) {
        mutants.add(new Mutant(name, () -> {
            List<byte[]> changed = new ArrayList<>(sections);
            changed.set(section, payload.get());
            return join(changed);
        }));
    }

    private long streamLength() {
        long length = 0;
        for (byte[] payload : sections) {
            length += payload.length + 8L;
        }
        return length;
    }

    static byte[] join(List<byte[]> payloads) {
        long length = 0;
        for (byte[] payload : payloads) {
            length += payload.length + 8L;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(length));
        for (byte[] payload : payloads) {
            CRC32C crc = new CRC32C();
            crc.update(payload);
            out.putInt(payload.length).put(payload).putInt((int) crc.getValue());
        }
        return out.array();
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
