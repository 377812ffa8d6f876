/**
 * Reads PyTorch {@code state_dict} checkpoints saved in torch's zip format without Python and without
 * executing anything: a restricted pickle reader accepts only the handful of globals a state dict is
 * made of and refuses every other global by name, so a malicious checkpoint cannot run code.
 * Reading is bounded in time and memory by {@link dev.hestyle.mosaic.checkpoint.CheckpointLimits}, and every
 * failure is a {@link dev.hestyle.mosaic.checkpoint.CheckpointException}. The entry points are
 * {@link dev.hestyle.mosaic.checkpoint.CheckpointReader#read(java.nio.file.Path)} and its overloads for bytes and
 * streams.
 */
package dev.hestyle.mosaic.checkpoint;
