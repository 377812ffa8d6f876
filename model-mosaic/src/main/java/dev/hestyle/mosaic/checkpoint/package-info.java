/**
 * Reads PyTorch {@code state_dict} checkpoints saved in torch's zip format without Python and without
 * executing anything: a restricted pickle reader accepts only the handful of globals a state dict is
 * made of and refuses every other global by name, so a malicious checkpoint cannot run code.
 * The entry point is {@link dev.hestyle.mosaic.checkpoint.CheckpointReader#read(java.nio.file.Path)}.
 */
package dev.hestyle.mosaic.checkpoint;
