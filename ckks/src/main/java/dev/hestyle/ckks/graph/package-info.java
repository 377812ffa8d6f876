/**
 * The ciphertext-level program: a dataflow graph over value ids ({@link dev.hestyle.ckks.graph.CtGraph}) in
 * which every operation works on single ciphertexts (rotate, hoisted rotations, add, plaintext and constant
 * products, ciphertext products, bootstrap, a client refresh of a group of ciphertexts). A tensor-level
 * program is lowered to it once per compiled model ({@link dev.hestyle.ckks.graph.GraphBuilder}); costs and
 * rotation keys are counted on it; an executor ({@link dev.hestyle.ckks.graph.GraphExecutor}) runs it and
 * frees every value after its last use.
 */
package dev.hestyle.ckks.graph;
