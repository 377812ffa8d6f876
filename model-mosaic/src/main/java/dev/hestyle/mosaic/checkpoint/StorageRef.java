package dev.hestyle.mosaic.checkpoint;

/**
 * A storage named by a pickle persistent id: its element type, its file {@code <prefix>/data/<key>} and its
 * element count as declared in the pickle.
 */
record StorageRef(StorageType type, String key, long numel) {
}
