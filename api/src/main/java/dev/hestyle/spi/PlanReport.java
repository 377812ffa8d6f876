package dev.hestyle.spi;

import java.util.Map;

/**
 * What a compiled plan will do and under which parameters.
 *
 * @param backend backend name
 * @param mode activation mode
 * @param securityBits claimed security in bits, or {@code null} when nothing is encrypted
 * @param secretDistribution e.g. {@code "uniform-ternary"} or {@code "sparse-ternary"}; {@code null} when not applicable
 * @param ringDimension CKKS ring dimension N, or 0
 * @param levelsUsed multiplicative levels consumed along the deepest path between refreshes
 * @param ops expected operation counts for one image
 * @param rotationKeys number of distinct rotation keys the plan needs
 * @param clientRoundTrips client steps per image in client-aided mode
 * @param details further backend-specific figures for reports (ordered)
 */
public record PlanReport(String backend, Mode mode, Integer securityBits, String secretDistribution, int ringDimension,
                         int levelsUsed, OpCounts ops, int rotationKeys, int clientRoundTrips, Map<String, Object> details) {
    public PlanReport {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
