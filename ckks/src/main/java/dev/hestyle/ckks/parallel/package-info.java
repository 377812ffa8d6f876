/**
 * Evaluating independent ciphertext operations on several threads. Native CKKS libraries here run each
 * operation on one core, so independent parts of a linear map are the way to use the others.
 * {@link dev.hestyle.ckks.parallel.Workers} is a small pool owned by one program run;
 * {@link dev.hestyle.ckks.parallel.Batch} collects the results of a set of tasks in a fixed order, so that
 * sums do not depend on thread scheduling, and closes everything when one of them fails.
 */
package dev.hestyle.ckks.parallel;
