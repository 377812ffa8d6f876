/**
 * Polynomial activations for CKKS: Chebyshev-basis polynomials on [-1, 1], a distribution-weighted
 * least-squares fit of ReLU, and an evaluator that spends exactly the multiplicative depth the degree
 * requires, coefficient multiplications included.
 *
 * <p>The planner scales every ReLU input into [-1, 1] (dividing by its calibrated bound in the
 * preceding linear map), fits a {@link dev.hestyle.ckks.poly.ChebyshevSeries} with
 * {@link dev.hestyle.ckks.poly.ReluFit}, and evaluates it with
 * {@link dev.hestyle.ckks.poly.ChebyshevEvaluator}, whose {@code cost} predicts the operations without
 * running them.
 */
package dev.hestyle.ckks.poly;
