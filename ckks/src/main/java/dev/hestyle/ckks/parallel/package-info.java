/**
 * How many threads evaluate one program run ({@link dev.hestyle.ckks.parallel.Workers}). Native CKKS
 * libraries here run each operation on one core, so independent ciphertext operations of the graph are the
 * way to use the others; {@link dev.hestyle.ckks.graph.LocalExecutor} schedules them.
 */
package dev.hestyle.ckks.parallel;
