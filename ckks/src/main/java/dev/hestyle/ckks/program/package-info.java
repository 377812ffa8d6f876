/**
 * The lowered program at the level of tensors: a straight sequence of steps (linear maps, polynomial or
 * client-aided activations, bootstraps, residual save/add) with the layouts and scale factors at its ends;
 * its lowering to the ciphertext-level graph that is evaluated ({@link dev.hestyle.ckks.program.Program#graph});
 * the plain interpreter that runs it on slot vectors (calibration, checks); and the one place homomorphic
 * operations are counted ({@link dev.hestyle.ckks.program.CountingEvaluator}).
 */
package dev.hestyle.ckks.program;
