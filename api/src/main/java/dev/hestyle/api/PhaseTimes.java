package dev.hestyle.api;

/**
 * Wall-clock seconds per phase of one encrypted run.
 *
 * @param compile planning the graph (once per model, not per image)
 * @param keygen key generation (once per client)
 * @param encrypt encrypting the input
 * @param eval server-side evaluation including client round trips
 * @param decrypt decrypting the output
 */
public record PhaseTimes(double compile, double keygen, double encrypt, double eval, double decrypt) {
}
