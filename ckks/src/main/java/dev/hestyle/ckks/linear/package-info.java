/**
 * Linear segments as slot programs. A run of linear layers (nearest upsampling, constant padding,
 * convolution, batch normalisation, and scale factors folded in) is one affine map on tensors, read row by
 * row from the layers ({@link dev.hestyle.ckks.linear.SegmentRows}) or stored when small
 * ({@link dev.hestyle.ckks.linear.TensorAffine}). It is placed between two slot layouts as a
 * {@link dev.hestyle.ckks.linear.SlotMap}: where both tensors fit one ciphertext, a sparse matrix on slots
 * grouped by diagonal and evaluated baby-step/giant-step with hoisted baby rotations
 * ({@link dev.hestyle.ckks.linear.LinearMap}); where either spans several, a block matrix of such programs
 * whose diagonals are computed when a run needs them ({@link dev.hestyle.ckks.linear.BlockLinearMap}).
 * Correct for any pair of layouts by construction; the layouts decide how many diagonals (plaintext
 * multiplications) and rotations it costs.
 */
package dev.hestyle.ckks.linear;
