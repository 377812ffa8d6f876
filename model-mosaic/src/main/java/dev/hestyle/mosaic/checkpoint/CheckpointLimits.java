package dev.hestyle.mosaic.checkpoint;

/**
 * Bounds on what reading one checkpoint may cost, so that a small hostile file cannot exhaust memory or time.
 * Every bound is checked before the work or allocation it guards, and exceeding one is a
 * {@link CheckpointLimitException} naming it. The {@linkplain #DEFAULT defaults} are far above any style
 * network (the Mosaic checkpoint is a 450 KB file: 111 zip entries, a 15 KB pickle, 424 KB of tensors).
 *
 * @param maxFileBytes size of the checkpoint file
 * @param maxEntries zip entries in the archive
 * @param maxPickleBytes decoded size of {@code data.pkl}
 * @param maxStorageBytes decoded size of one tensor storage
 * @param maxTotalBytes decoded bytes read from the archive in all (pickle, byte order and storages)
 * @param maxMemoEntries distinct pickle memo slots
 * @param maxPickleValues values the pickle may push or insert into containers, shared references included
 * @param maxNesting nesting depth of pickled containers (tuples, lists, dicts) and of open MARKs
 */
public record CheckpointLimits(long maxFileBytes, int maxEntries, long maxPickleBytes, long maxStorageBytes,
        long maxTotalBytes, int maxMemoEntries, long maxPickleValues, int maxNesting) {
    /**
     * 1 GiB file, 65,536 entries, 64 MiB pickle, 128 MiB per storage, 256 MiB decoded in all, 1,048,576 memo
     * slots, 2,000,000 pickle values, nesting depth 32. Reading a checkpoint at these limits needs about twice
     * {@code maxTotalBytes} of heap (the storage bytes and the values taken from them), plus one storage being read.
     */
    public static final CheckpointLimits DEFAULT = new CheckpointLimits(1L << 30, 65_536, 64L << 20, 128L << 20,
            256L << 20, 1 << 20, 2_000_000, 32);

    /** Checks that every bound is positive and that the byte bounds fit a Java array. */
    public CheckpointLimits {
        positive("maxFileBytes", maxFileBytes);
        positive("maxEntries", maxEntries);
        positive("maxPickleBytes", maxPickleBytes);
        positive("maxStorageBytes", maxStorageBytes);
        positive("maxTotalBytes", maxTotalBytes);
        positive("maxMemoEntries", maxMemoEntries);
        positive("maxPickleValues", maxPickleValues);
        positive("maxNesting", maxNesting);
        if (maxPickleBytes > MAX_ARRAY || maxStorageBytes > MAX_ARRAY) {
            throw new IllegalArgumentException("maxPickleBytes and maxStorageBytes must not exceed " + MAX_ARRAY);
        }
    }

    /** The largest byte array the loader will allocate for one entry. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }
}
