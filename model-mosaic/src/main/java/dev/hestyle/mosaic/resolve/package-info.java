/**
 * Finds the Mosaic checkpoint: an explicit path, the {@code HESTYLE_MOSAIC_CHECKPOINT} environment variable, the
 * user cache, or a one-time download from the authors' repository that is checked against a published SHA-256
 * before it is used.
 */
package dev.hestyle.mosaic.resolve;
