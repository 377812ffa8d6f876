/**
 * Slot layouts: where each element {@code (c, y, x)} of a tensor lives in the cyclic slot vector of one
 * ciphertext. Full-resolution tensors are channel-major; lower resolutions are multiplexed into the
 * gaps of the same grid so that strided and upsampling convolutions need no compaction.
 */
package dev.hestyle.ckks.layout;
