package dev.hestyle.mosaic.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, to craft valid and hostile test pickles without Python. */
public final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    public PickleBytes proto(int p) {
        return op(0x80).op(p);
    }

    /** GLOBAL: {@code c module\nname\n}. */
    public PickleBytes global(String module, String name) {
        op('c');
        raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** BINUNICODE (protocol 2 string). */
    public PickleBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        le32(b.length);
        return raw(b);
    }

    /** SHORT_BINUNICODE (protocol 4 string). */
    public PickleBytes shortStr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op(0x8c).op(b.length);
        return raw(b);
    }

    /** BININT1/BININT2/BININT as needed. */
    public PickleBytes integer(long v) {
        if (v >= 0 && v < 256) {
            return op('K').op((int) v);
        }
        if (v >= 0 && v < 65536) {
            return op('M').op((int) (v & 0xFF)).op((int) (v >> 8));
        }
        op('J');
        return le32((int) v);
    }

    /** LONG1 with 8 bytes: any long, e.g. one that overflows a size computation. */
    public PickleBytes long8(long v) {
        op(0x8a).op(8);
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    public PickleBytes mark() {
        return op('(');
    }

    public PickleBytes tuple() {
        return op('t');
    }

    public PickleBytes emptyTuple() {
        return op(')');
    }

    public PickleBytes reduce() {
        return op('R');
    }

    public PickleBytes stop() {
        return op('.');
    }

    /** A tuple of integers (any long; those outside 0..65535 as 8-byte LONG1). */
    public PickleBytes intTuple(long... values) {
        mark();
        for (long v : values) {
            if (v >= 0 && v < 65536) {
                integer(v);
            } else {
                long8(v);
            }
        }
        return tuple();
    }

    /** {@code collections.OrderedDict()} on the stack. */
    public PickleBytes orderedDict() {
        return global("collections", "OrderedDict").emptyTuple().reduce();
    }

    /**
     * Pushes {@code key} and a rebuilt tensor: {@code _rebuild_tensor_v2(persistent('storage', torch.<type>, storageKey,
     * 'cpu', numel), offset, shape, stride, False, OrderedDict())}.
     */
    public PickleBytes tensorEntry(String key, String storageType, String storageKey, long numel, long offset, long[] shape,
            long[] stride) {
        str(key);
        global("torch._utils", "_rebuild_tensor_v2");
        mark();
        mark().str("storage").global("torch", storageType).str(storageKey).str("cpu");
        if (numel >= 0 && numel < 65536) {
            integer(numel);
        } else {
            long8(numel);
        }
        tuple();
        op('Q');
        if (offset >= 0 && offset < 65536) {
            integer(offset);
        } else {
            long8(offset);
        }
        intTuple(shape);
        intTuple(stride);
        op(0x89);
        orderedDict();
        tuple();
        return reduce();
    }

    public PickleBytes raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public PickleBytes le32(int v) {
        for (int i = 0; i < 4; i++) {
            out.write((v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
