package dev.hestyle.backend.openfhe;

import dev.hestyle.backend.openfhe.jni.ContextSpec;
import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.Security;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter sets of the OpenFHE engine and their translation to OpenFHE context settings.
 *
 * <p>At {@link Security#BITS_128} OpenFHE itself certifies every set (HEStd_128_classic stays on; it
 * refuses a ring too small for the modulus). Two families:
 * <ul>
 * <li>leveled (client-aided): uniform ternary secret, 50-bit scale, 60-bit first modulus, exactly the
 * requested depth, on the smallest ring that OpenFHE accepts for it (N=2^14 up to depth 5);</li>
 * <li>bootstrapping (non-interactive): N=2^16, sparse ternary secret, 50-bit scale, 57-bit first
 * modulus, depth 24 (the largest OpenFHE certifies), level budget {3,3}. OpenFHE's bootstrapping
 * consumes 16 levels and leaves 8, but it starts by adjusting its input's scale with one multiplication,
 * so its input needs a level: the engine keeps that level in reserve and reports levels net of it
 * (a fresh ciphertext has 23, a bootstrapped one 7, and a ciphertext at level 0 can still be
 * bootstrapped).</li>
 * </ul>
 * {@link Security#INSECURE_TEST_ONLY} uses the same settings on the smallest ring that holds the slots
 * (at least 2^12) with OpenFHE's security check off (HEStd_NotSet).
 */
final class OpenFheParameters {
    static final int SCALE_BITS = 50;
    static final int FIRST_MOD_BITS = 60;
    /**
     * EvalBootstrap refuses a first modulus more than its correction factor (7 at N=2^16) above the
     * scale; 57 bits with correction factor 7 was also the most precise choice measured.
     */
    static final int BOOTSTRAP_FIRST_MOD_BITS = 57;
    static final int BOOTSTRAP_CORRECTION_FACTOR = BOOTSTRAP_FIRST_MOD_BITS - SCALE_BITS;
    static final List<Integer> LEVEL_BUDGET = List.of(3, 3);
    /** Largest depth OpenFHE certifies at 128 bits for N=2^16 with the bootstrapping moduli above. */
    static final int BOOTSTRAP_DEPTH = 24;
    /**
     * Levels OpenFHE leaves after bootstrapping: the depth minus what bootstrapping with level budget
     * {3,3} and a sparse secret consumes (16). Measured: exactly 8 further multiplications succeed.
     */
    static final int OPENFHE_LEVELS_AFTER_BOOTSTRAP = 8;
    /** Levels held back in bootstrapping sets for the next bootstrap's input scale adjustment. */
    static final int BOOTSTRAP_RESERVE = 1;
    /** Levels a bootstrapped ciphertext offers the program. */
    static final int LEVELS_AFTER_BOOTSTRAP = OPENFHE_LEVELS_AFTER_BOOTSTRAP - BOOTSTRAP_RESERVE;
    /** Levels a fresh ciphertext offers the program in a bootstrapping set. */
    static final int FRESH_LEVELS_WITH_BOOTSTRAP = BOOTSTRAP_DEPTH - BOOTSTRAP_RESERVE;
    static final int BOOTSTRAP_LOG_RING = 16;
    /** The most slots a ciphertext of a 128-bit plan that bootstraps holds: all that the bootstrapping ring holds. */
    static final int BOOTSTRAP_SLOTS = 1 << (BOOTSTRAP_LOG_RING - 1);
    /** Largest depth OpenFHE certifies at 128 bits for the leveled moduli, by log2 N (14, 15, 16). */
    private static final int[] MAX_LEVELED_DEPTH_128 = {5, 11, 24};
    private static final int MIN_LOG_RING_128 = 14;
    /** The most slots a planned ciphertext holds (see {@link #capabilities}). */
    static final int PLANNED_SLOTS = 1 << (MIN_LOG_RING_128 - 1);
    private static final int MIN_LOG_RING_INSECURE = 12;
    private static final int MAX_INSECURE_DEPTH = 30;

    static final String LIBRARY_KEY = "library";
    private static final String FIRST_MOD_KEY = "firstModBits";
    private static final String BUDGET_KEY = "levelBudget";
    private static final String CORRECTION_KEY = "correctionFactor";
    private static final String SCALING_KEY = "scaling";

    private OpenFheParameters() {
    }

    /**
     * What the planner may ask for. Client-aided ciphertexts hold at most {@value #PLANNED_SLOTS} slots, the most the
     * cheapest 128-bit ring (N=2^14) holds; a larger tensor spreads over several ciphertexts rather than move to a
     * larger ring, which is slower per slot. A 128-bit plan that bootstraps runs on N=2^16 whatever its slots, where
     * every operation but the bootstrap costs the same for any slot count and one full-slot bootstrap costs less
     * than the four 8192-slot ones it replaces: its ciphertexts hold up to {@value #BOOTSTRAP_SLOTS} slots (at 32x32
     * the tensors need 8192, and the cheaper sparse bootstrap stays). The insecure test rings follow the slots, so
     * there ciphertexts stay at {@value #PLANNED_SLOTS} at most.
     */
    static Capabilities capabilities(Security security) {
        int maxLogRing = BOOTSTRAP_LOG_RING;
        boolean secure = security == Security.BITS_128;
        int maxFresh = secure ? MAX_LEVELED_DEPTH_128[maxLogRing - MIN_LOG_RING_128] : MAX_INSECURE_DEPTH;
        return new Capabilities(true, PLANNED_SLOTS, maxFresh, LEVELS_AFTER_BOOTSTRAP, FRESH_LEVELS_WITH_BOOTSTRAP,
                secure ? BOOTSTRAP_SLOTS : 0);
    }

    /**
     * The parameter set for {@code request}.
     *
     * @param library identifies the OpenFHE build (part of the parameter hash)
     * @throws IllegalArgumentException if no set satisfies it
     */
    static CkksParameters choose(ParameterRequest request, String library) {
        request.security().checkAllowed();
        boolean secure = request.security() == Security.BITS_128;
        int logSlots = Integer.numberOfTrailingZeros(request.slots());
        if (request.bootstrapping()) {
            if (request.levels() > FRESH_LEVELS_WITH_BOOTSTRAP) {
                throw new IllegalArgumentException("bootstrapping parameters offer " + FRESH_LEVELS_WITH_BOOTSTRAP + " fresh levels, "
                        + request.levels() + " requested");
            }
            int logRing = secure ? BOOTSTRAP_LOG_RING : Math.max(MIN_LOG_RING_INSECURE, logSlots + 1);
            if (logSlots + 1 > BOOTSTRAP_LOG_RING) {
                throw new IllegalArgumentException(request.slots() + " slots exceed the " + (1 << (BOOTSTRAP_LOG_RING - 1))
                        + " of the bootstrapping ring");
            }
            return parameters(request.security(), logRing, request.slots(), BOOTSTRAP_FIRST_MOD_BITS,
                    FRESH_LEVELS_WITH_BOOTSTRAP, true, library);
        }
        int logRing;
        if (secure) {
            logRing = Math.max(MIN_LOG_RING_128, logSlots + 1);
            while (logRing <= BOOTSTRAP_LOG_RING && request.levels() > MAX_LEVELED_DEPTH_128[logRing - MIN_LOG_RING_128]) {
                logRing++;
            }
            if (logRing > BOOTSTRAP_LOG_RING) {
                throw new IllegalArgumentException(request.levels() + " levels exceed the " + MAX_LEVELED_DEPTH_128[2]
                        + " that 128-bit security allows without bootstrapping");
            }
        } else {
            logRing = Math.max(MIN_LOG_RING_INSECURE, logSlots + 1);
            if (logRing > BOOTSTRAP_LOG_RING || request.levels() > MAX_INSECURE_DEPTH) {
                throw new IllegalArgumentException("no test parameter set for " + request);
            }
        }
        return parameters(request.security(), logRing, request.slots(), FIRST_MOD_BITS, request.levels(), false, library);
    }

    private static CkksParameters parameters(Security security, int logRing, int slots, int firstModBits, int freshLevels,
                                             boolean bootstrapping, String library) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(LIBRARY_KEY, library);
        extra.put(FIRST_MOD_KEY, Integer.toString(firstModBits));
        extra.put(SCALING_KEY, "FLEXIBLEAUTO");
        if (bootstrapping) {
            extra.put(BUDGET_KEY, LEVEL_BUDGET.get(0) + "," + LEVEL_BUDGET.get(1));
            extra.put(CORRECTION_KEY, Integer.toString(BOOTSTRAP_CORRECTION_FACTOR));
        }
        boolean secure = security == Security.BITS_128;
        return new CkksParameters(OpenFheBackendProvider.NAME, security, secure ? 128 : 0,
                bootstrapping ? "sparse-ternary" : "uniform-ternary", logRing, slots, SCALE_BITS, freshLevels, bootstrapping,
                bootstrapping ? LEVELS_AFTER_BOOTSTRAP : 0, extra);
    }

    /** OpenFHE context settings of {@code params}. */
    static ContextSpec spec(CkksParameters params) {
        if (!OpenFheBackendProvider.NAME.equals(params.engine())) {
            throw new IllegalArgumentException("parameters of engine '" + params.engine() + "', not OpenFHE");
        }
        List<Integer> budget = params.bootstrapping()
                ? Arrays.stream(params.extra().getOrDefault(BUDGET_KEY, "").split(",")).map(Integer::valueOf).toList()
                : List.of();
        int correction = params.bootstrapping() ? Integer.parseInt(params.extra().getOrDefault(CORRECTION_KEY, "0")) : 0;
        return new ContextSpec(params.logRingDimension(), params.slots(), params.scaleBits(),
                Integer.parseInt(params.extra().getOrDefault(FIRST_MOD_KEY, Integer.toString(FIRST_MOD_BITS))),
                params.freshLevels() + reservedLevels(params), params.security() == Security.BITS_128, params.bootstrapping(),
                budget, correction);
    }

    /** Levels OpenFHE has beyond those reported to the program (the bootstrap input's level). */
    static int reservedLevels(CkksParameters params) {
        return params.bootstrapping() ? BOOTSTRAP_RESERVE : 0;
    }

    /**
     * Largest magnitude a slot may have: the smallest modulus must hold it at the scale, with a sign bit.
     * Beyond it, decryption at the last level would wrap around silently.
     */
    static double maxMagnitude(ContextSpec spec) {
        return Math.scalb(1.0, spec.firstModBits() - spec.scaleBits() - 1);
    }

    /**
     * Upper bound on one key of the secret key file in OpenFHE's serialization (hybrid: digits x (Q + P)
     * moduli, two polynomials). What crosses the wire has exact sizes instead ({@link KeyEncoding}).
     */
    static int keyBound(ContextSpec spec) {
        long moduli = spec.depth() + 1L;
        return bounded(2L * moduli * (2 * moduli + 4) * spec.ringDimension() * Long.BYTES + (1 << 20));
    }

    private static int bounded(long bytes) {
        return (int) Math.min(bytes, Integer.MAX_VALUE - 16);
    }
}
