package dev.hestyle.ckks.testing;

import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.wire.Sections;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A test "ciphertext": plain slot values with a level; refuses use after close so that ownership bugs show. */
public final class ExactCt implements Ct {
    private final double[] values;
    private final int level;
    private final String keyId;
    private boolean closed;

    public ExactCt(double[] values, int level, String keyId) {
        this.values = values;
        this.level = level;
        this.keyId = keyId;
    }

    /** The slot values (fails if closed). */
    public double[] values() {
        if (closed) {
            throw new IllegalStateException("use of a closed ciphertext");
        }
        return values;
    }

    public String keyId() {
        return keyId;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        byte[] id = keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(12 + id.length + 8 * values.length);
        b.putInt(id.length).put(id).putInt(level).putInt(values.length);
        for (double v : values()) {
            b.putDouble(v);
        }
        Sections.write(out, b.array());
    }

    /** Reads what {@link #write} wrote. */
    public static ExactCt read(java.io.DataInputStream in) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Sections.read(in, 1 << 26));
        byte[] id = new byte[b.getInt()];
        b.get(id);
        int level = b.getInt();
        double[] v = new double[b.getInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getDouble();
        }
        return new ExactCt(v, level, new String(id, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closed = true;
    }
}
