package dev.hestyle.spi;

import java.util.Map;

/**
 * The result of one server run.
 *
 * @param output the encrypted output
 * @param ops operations performed on the server (client steps excluded)
 * @param clientRoundTrips how many times the client was asked to assist
 * @param details further backend-specific measurements (e.g. a simulator's modelled seconds), ordered
 */
public record Evaluation(Ciphertext output, OpCounts ops, int clientRoundTrips, Map<String, Object> details) {
    public Evaluation {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    public Evaluation(Ciphertext output, OpCounts ops, int clientRoundTrips) {
        this(output, ops, clientRoundTrips, Map.of());
    }
}
