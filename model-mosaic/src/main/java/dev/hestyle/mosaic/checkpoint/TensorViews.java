package dev.hestyle.mosaic.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Copies the values of a contiguous tensor view out of its storage bytes. */
final class TensorViews {
    private TensorViews() {
    }

    static float[] floats(String key, TensorRef t, ByteBuffer storage) {
        int n = checkView(key, t);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = storage.getFloat((int) ((t.offset() + i) * 4));
        }
        return out;
    }

    static long[] longs(String key, TensorRef t, ByteBuffer storage) {
        int n = checkView(key, t);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = storage.getLong((int) ((t.offset() + i) * 8));
        }
        return out;
    }

    /** The element count, after checking the view is contiguous and inside its storage. */
    private static int checkView(String key, TensorRef t) {
        long n;
        try {
            n = ShapeMath.numel(t.shape());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("state dict entry '" + key + "': " + e.getMessage(), e);
        }
        if (!ShapeMath.isContiguous(t.shape(), t.stride())) {
            throw new CheckpointException("state dict entry '" + key + "' is not contiguous (shape " + Arrays.toString(t.shape())
                    + ", stride " + Arrays.toString(t.stride()) + "); save the tensor after .contiguous()");
        }
        if (t.offset() + n > t.storage().numel()) {
            throw new CheckpointException("state dict entry '" + key + "' reads elements " + t.offset() + ".." + (t.offset() + n)
                    + " of storage " + t.storage().key() + ", which has only " + t.storage().numel());
        }
        return (int) n;
    }
}
