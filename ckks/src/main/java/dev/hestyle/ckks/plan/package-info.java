/**
 * Planning: from a layer graph to a {@link dev.hestyle.ckks.program.Program}. Fuses linear layers into
 * segments, chooses slot layouts, calibrates activation intervals on sample inputs, folds the interval
 * bounds into the linear maps, fits the polynomial activations, chooses each one's depth ({@code ReluDepthSearch}), places bootstraps
 * where they refresh the fewest ciphertexts (or client round trips), and states what the engine must provide (levels, slots, rotation keys).
 */
package dev.hestyle.ckks.plan;
