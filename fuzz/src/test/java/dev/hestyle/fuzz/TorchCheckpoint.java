package dev.hestyle.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A small real checkpoint in the format {@code torch.save} writes: a zip (entries stored, not deflated) with the
 * protocol-2 pickle of an {@code OrderedDict} state dict and one file per tensor storage. It holds a 2x1x3x3 float
 * weight, a float bias of 2 and an int64 counter, as a convolution and batch norm would.
 */
final class TorchCheckpoint {
    private static final String PREFIX = "small";
    private static final int WEIGHTS = 18;
    private static final int BIASES = 2;

    private TorchCheckpoint() {
    }

    /** The whole checkpoint file. */
    static byte[] file() {
        return archive(pickle());
    }

    /** A checkpoint with {@code pickle} as its {@code data.pkl} and this checkpoint's storages beside it. */
    static byte[] archive(byte[] pickle) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(PREFIX + "/data.pkl", pickle);
        entries.put(PREFIX + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        entries.put(PREFIX + "/data/0", floats(WEIGHTS, 0.05f));
        entries.put(PREFIX + "/data/1", floats(BIASES, -0.5f));
        entries.put(PREFIX + "/data/2", ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(7).array());
        entries.put(PREFIX + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return zip(entries);
    }

    /** The state-dict pickle, opcode for opcode as torch writes one. */
    static byte[] pickle() {
        Pickle p = new Pickle();
        p.op(0x80).op(2);
        p.global("collections", "OrderedDict").op(')').op('R').op('(');
        tensor(p, "conv.weight", "FloatStorage", "0", WEIGHTS, new int[] {2, 1, 3, 3}, new int[] {9, 9, 3, 1});
        tensor(p, "conv.bias", "FloatStorage", "1", BIASES, new int[] {BIASES}, new int[] {1});
        tensor(p, "bn.num_batches_tracked", "LongStorage", "2", 1, new int[] {}, new int[] {});
        return p.op('u').op('.').bytes();
    }

    /** {@code key: _rebuild_tensor_v2(persistent_load(('storage', type, key, 'cpu', numel)), 0, shape, stride, False, OrderedDict())}. */
    private static void tensor(Pickle p, String key, String type, String storage, int numel, int[] shape, int[] stride) {
        p.string(key).global("torch._utils", "_rebuild_tensor_v2").op('(');
        p.op('(').string("storage").global("torch", type).string(storage).string("cpu").small(numel).op('t').op('Q');
        p.small(0).ints(shape).ints(stride).op(0x89);
        p.global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
    }

    private static byte[] floats(int n, float step) {
        ByteBuffer b = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(i * step);
        }
        return b.array();
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                z.setMethod(ZipEntry.STORED);
                z.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                z.setCrc(crc.getValue());
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    /** The few pickle opcodes a state dict needs. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int opcode) {
            out.write(opcode);
            return this;
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** BINUNICODE: a little-endian length, then UTF-8. */
        Pickle string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        /** BININT1: an integer 0..255. */
        Pickle small(int v) {
            return op('K').op(v);
        }

        Pickle ints(int[] values) {
            op('(');
            for (int v : values) {
                small(v);
            }
            return op('t');
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
