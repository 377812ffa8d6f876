/**
 * Several images in one ciphertext. A plan is made for one image on {@code n} slots; a batch of {@code B} images
 * runs it on an engine of {@code B·n} slots with the images interleaved (image {@code k}'s slot {@code i} at
 * {@code B·i + k}). A rotation by {@code r} becomes one by {@code B·r}, which is a cyclic rotation by {@code r} of every
 * image at once, and a plaintext is repeated for every image; slot-wise operations and bootstraps need no change. So
 * the program, its levels and its counts are those of one image, and one evaluation serves {@code B}.
 */
package dev.hestyle.ckks.batch;
