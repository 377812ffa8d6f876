package dev.hestyle.spi;

/**
 * The result of one server run.
 *
 * @param output the encrypted output
 * @param ops operations performed on the server (client steps excluded)
 * @param clientRoundTrips how many times the client was asked to assist
 */
public record Evaluation(Ciphertext output, OpCounts ops, int clientRoundTrips) {
}
