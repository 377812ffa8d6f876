/**
 * Linear segments as slot programs. A run of linear layers (nearest upsampling, constant padding,
 * convolution, batch normalisation, and scale factors folded in) is composed into one affine map on
 * tensors ({@link dev.hestyle.ckks.linear.TensorAffine}), then placed between two slot layouts as a
 * sparse matrix on slots, grouped by diagonal and evaluated baby-step/giant-step with hoisted baby
 * rotations ({@link dev.hestyle.ckks.linear.LinearMap}). Correct for any pair of layouts by construction;
 * the layouts decide how many diagonals (plaintext multiplications) and rotations it costs.
 */
package dev.hestyle.ckks.linear;
