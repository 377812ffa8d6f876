package dev.hestyle.mosaic.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Copies the values of a contiguous tensor view out of its storage bytes. */
final class TensorViews {
    private TensorViews() {
    }

    /** {@code storage} holds exactly {@code t.storage().numel()} elements. */
    static float[] floats(String key, TensorRef t, ByteBuffer storage) {
        int n = checkView(key, t);
        float[] out = new float[n];
        int first = (int) t.offset(); // offset + n <= numel, and the storage's byte size fits an int
        for (int i = 0; i < n; i++) {
            out[i] = storage.getFloat((first + i) * 4);
        }
        return out;
    }

    static long[] longs(String key, TensorRef t, ByteBuffer storage) {
        int n = checkView(key, t);
        long[] out = new long[n];
        int first = (int) t.offset();
        for (int i = 0; i < n; i++) {
            out[i] = storage.getLong((first + i) * 8);
        }
        return out;
    }

    /** The element count, after checking the view is contiguous and inside its storage. */
    private static int checkView(String key, TensorRef t) {
        String name = SafeGlobals.abbreviate(key);
        long n;
        try {
            n = ShapeMath.numel(t.shape());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("state dict entry '" + name + "': " + e.getMessage(), e);
        }
        if (!ShapeMath.isContiguous(t.shape(), t.stride())) {
            throw new CheckpointException("state dict entry '" + name + "' is not contiguous (shape " + Arrays.toString(t.shape())
                    + ", stride " + Arrays.toString(t.stride()) + "); save the tensor after .contiguous()");
        }
        // written so that it cannot overflow: offset, n and numel are all non-negative
        if (t.offset() > t.storage().numel() - n) {
            throw new CheckpointException("state dict entry '" + name + "' reads " + n + " elements from offset " + t.offset()
                    + " of storage " + SafeGlobals.abbreviate(t.storage().key()) + ", which has only " + t.storage().numel());
        }
        return (int) n;
    }
}
