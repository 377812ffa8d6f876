/**
 * The lowered program: a straight sequence of slot-level steps (linear maps, polynomial or client-aided
 * activations, bootstraps, residual save/add) with the layouts and scale factors at its ends, and the
 * interpreters that run it — on an {@link dev.hestyle.ckks.engine.Evaluator} (encrypted) or on plain
 * slot vectors (calibration, checks) — plus the one place homomorphic operations are counted
 * ({@link dev.hestyle.ckks.program.CountingEvaluator}).
 */
package dev.hestyle.ckks.program;
