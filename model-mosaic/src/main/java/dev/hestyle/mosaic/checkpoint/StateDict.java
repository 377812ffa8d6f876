package dev.hestyle.mosaic.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors of a PyTorch {@code state_dict}, in file order: float32 parameters and buffers, plus the
 * int64 counters ({@code num_batches_tracked}) kept apart because no layer needs them.
 */
public final class StateDict {
    private final Map<String, FloatArray> floats;
    private final Map<String, LongArray> longs;
    private final List<String> keys;

    private StateDict(Builder b) {
        this.floats = Collections.unmodifiableMap(new LinkedHashMap<>(b.floats));
        this.longs = Collections.unmodifiableMap(new LinkedHashMap<>(b.longs));
        this.keys = List.copyOf(b.keys);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this dictionary's entries, to derive modified copies. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (String k : keys) {
            if (floats.containsKey(k)) {
                b.put(k, floats.get(k));
            } else {
                b.put(k, longs.get(k));
            }
        }
        return b;
    }

    /** Every key, float and integer, in file order. */
    public List<String> keys() {
        return keys;
    }

    /** Number of entries of any type. */
    public int size() {
        return keys.size();
    }

    /** Whether {@code key} is present, float or integer. */
    public boolean contains(String key) {
        return floats.containsKey(key) || longs.containsKey(key);
    }

    /** The float32 entries in file order (unmodifiable). */
    public Map<String, FloatArray> floats() {
        return floats;
    }

    /** The int64 entries in file order (unmodifiable). */
    public Map<String, LongArray> longs() {
        return longs;
    }

    /** Total number of float32 values over all float entries. */
    public long floatValueCount() {
        long n = 0;
        for (FloatArray f : floats.values()) {
            n += f.size();
        }
        return n;
    }

    /**
     * The float32 tensor under {@code key}.
     *
     * @throws CheckpointException naming the key if it is missing or not a float tensor
     */
    public FloatArray floatTensor(String key) {
        FloatArray f = floats.get(key);
        if (f != null) {
            return f;
        }
        if (longs.containsKey(key)) {
            throw new CheckpointException("state dict entry '" + key + "' is an int64 tensor, expected float32");
        }
        throw new CheckpointException("state dict has no entry '" + key + "'");
    }

    @Override
    public String toString() {
        return "StateDict[" + floats.size() + " float32 + " + longs.size() + " int64 entries, " + floatValueCount() + " floats]";
    }

    /** Collects entries in insertion order; a key may appear once. */
    public static final class Builder {
        private final Map<String, FloatArray> floats = new LinkedHashMap<>();
        private final Map<String, LongArray> longs = new LinkedHashMap<>();
        private final List<String> keys = new ArrayList<>();

        private Builder() {
        }

        /** Adds a float32 entry; a key may be added once. */
        public Builder put(String key, FloatArray value) {
            add(key);
            floats.put(key, value);
            return this;
        }

        /** Adds an int64 entry; a key may be added once. */
        public Builder put(String key, LongArray value) {
            add(key);
            longs.put(key, value);
            return this;
        }

        /** Removes {@code key} if present. */
        public Builder remove(String key) {
            keys.remove(key);
            floats.remove(key);
            longs.remove(key);
            return this;
        }

        /** Replaces the float entry under an existing key, keeping its position. */
        public Builder replace(String key, FloatArray value) {
            if (!floats.containsKey(key)) {
                throw new IllegalArgumentException("no float entry '" + key + "' to replace");
            }
            floats.put(key, value);
            return this;
        }

        private void add(String key) {
            if (key == null) {
                throw new IllegalArgumentException("state dict key must not be null");
            }
            if (floats.containsKey(key) || longs.containsKey(key)) {
                throw new CheckpointException("state dict key '" + key + "' appears twice");
            }
            keys.add(key);
        }

        /** An immutable state dict of the entries so far. */
        public StateDict build() {
            return new StateDict(this);
        }
    }
}
