package dev.hestyle.ckks.engine;

import dev.hestyle.spi.Security;
import java.util.Map;

/**
 * A concrete parameter set. Part of the parameter hash in every artifact header, so two sides agree.
 *
 * @param engine engine name
 * @param security security target actually met
 * @param securityBits claimed bits (as certified by the library), 0 when insecure
 * @param secretDistribution e.g. {@code "uniform-ternary"}, {@code "sparse-ternary"}
 * @param logRingDimension log2 of N
 * @param slots slots per ciphertext
 * @param scaleBits log2 of the scaling factor
 * @param freshLevels levels of a fresh ciphertext available to the program
 * @param bootstrapping whether bootstrapping is configured
 * @param levelsAfterBootstrap levels available after a bootstrap (0 without)
 * @param extra engine-specific settings that matter for compatibility (sorted when hashed)
 */
public record CkksParameters(String engine, Security security, int securityBits, String secretDistribution,
                             int logRingDimension, int slots, int scaleBits, int freshLevels, boolean bootstrapping,
                             int levelsAfterBootstrap, Map<String, String> extra) {
    public CkksParameters {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A stable digest (hex) of every field. */
    public String hash() {
        StringBuilder sb = new StringBuilder();
        sb.append(engine).append('|').append(security).append('|').append(securityBits).append('|').append(secretDistribution)
                .append('|').append(logRingDimension).append('|').append(slots).append('|').append(scaleBits).append('|')
                .append(freshLevels).append('|').append(bootstrapping).append('|').append(levelsAfterBootstrap);
        new java.util.TreeMap<>(extra).forEach((k, v) -> sb.append('|').append(k).append('=').append(v));
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
