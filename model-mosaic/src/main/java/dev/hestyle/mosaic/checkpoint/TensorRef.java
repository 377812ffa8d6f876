package dev.hestyle.mosaic.checkpoint;

/** What {@code _rebuild_tensor_v2} describes: a view of a storage (offset, shape, stride in elements). */
record TensorRef(StorageRef storage, long offset, int[] shape, long[] stride) {
}
