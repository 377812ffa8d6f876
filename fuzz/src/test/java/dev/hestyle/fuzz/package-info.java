/**
 * Fuzz targets for every decoder of untrusted bytes: the wire envelope, ciphertext and key bodies of the simulated
 * and OpenFHE backends, checkpoints, images and JSON. Each target class holds one {@code @FuzzTest}, whose seed
 * corpus lives in {@code src/test/resources/dev/hestyle/fuzz/<Class>Inputs/<method>/} and is written by
 * {@link dev.hestyle.fuzz.CorpusGenerator}. A target passes when the decoder accepts its input or refuses it with
 * the decoder's typed exception; anything else (another exception, a stack overflow, running out of memory, a hang)
 * is a finding.
 */
package dev.hestyle.fuzz;
