package dev.hestyle.backend.simulated;

import dev.hestyle.backend.simulated.ParameterRow.Bootstrap;
import dev.hestyle.backend.simulated.ParameterRow.Costs;
import dev.hestyle.backend.simulated.ParameterRow.Sizes;
import dev.hestyle.ckks.engine.Capabilities;
import dev.hestyle.ckks.engine.CkksParameters;
import dev.hestyle.ckks.engine.ParameterRequest;
import dev.hestyle.spi.Security;
import java.util.List;
import java.util.Map;

/**
 * The parameter sets the simulator models: one table, to be recalibrated by editing {@link #ROWS}
 * when new measurements arrive. Figures marked "measured" were measured on a 2-core development machine,
 * one thread: the N=2^16 and N=2^14 rows with this project's OpenFHE engine, the N=2^15 row with OpenFHE 1.5.1; figures marked "estimated" were not measured and are derived as noted.
 *
 * <table>
 * <caption>Rows</caption>
 * <tr><th>row</th><th>security / secret</th><th>N, slots, scale</th><th>levels</th><th>bootstrap</th><th>costs (ms, by level)</th><th>sizes</th></tr>
 * <tr><td>openfhe-n16-sparse-bootstrap</td><td>128-bit, sparse ternary h=192</td><td>2^16, 8192, 2^50, q0 57 bits, dnum 3</td>
 *     <td>fresh up to 23, 7 after bootstrap (one level is the bootstrap's reserve)</td><td>{3,3} budget, max error 2^-10.5 over 8192 slots,
 *         87 keys, 20.2 s (measured on this project's OpenFHE engine)</td>
 *     <td>rotation 302/161/116/76 at 23/12/7/3 levels, hoisted 183/105/77/50, plaintext mult 15/8/5/3 (on a rescaled input), ciphertext mult
 *         300/236/130/102, encrypt 123, decrypt 170 (measured); add (estimated)</td>
 *     <td>rotation key 98.3 MiB; ciphertext 25/13/8/5 MiB (estimated from 25 fresh and 4 at one level)</td></tr>
 * <tr><td>openfhe-n16-sparse-bootstrap-full</td><td>as above</td><td>2^16, 32768, 2^50, q0 57 bits, dnum 3</td>
 *     <td>as above</td><td>{3,3} budget, max error 2^-9.3 over 32768 slots, 53 keys, 28.5 s (measured beside the 8192-slot
 *         bootstrap on one day, 1.41 times its time; scaled to the row above)</td><td>as above (the ring is the same)</td>
 *     <td>as above</td></tr>
 * <tr><td>openfhe-n14-client-aided</td><td>128-bit, uniform ternary</td><td>2^14, 8192, 2^50, q0 60 bits, dnum 2</td>
 *     <td>fresh up to 2</td><td>none</td><td>rotation 7.0, hoisted 4.8, plaintext mult 1.4, ciphertext mult 7.1, add 0.07,
 *         encrypt 5.3, decrypt 25 (measured)</td><td>rotation key 2.5 MiB; ciphertext 0.75 MiB at 2 levels</td></tr>
 * <tr><td>openfhe-n15-deep</td><td>128-bit, uniform ternary</td><td>2^15, 8192, 2^40, q0 60 bits, dnum 3</td>
 *     <td>fresh up to 19</td><td>none</td><td>rotation 155, hoisted 79, plaintext mult 9, ciphertext mult 157 at 19 levels (measured),
 *         proportional to limbs below; add, encrypt, decrypt (estimated)</td><td>rotation key 39 MiB; ciphertext 10 MiB at 19 levels</td></tr>
 * <tr><td>insecure-client-aided, insecure-deep, insecure-bootstrap</td><td>none (test only)</td><td colspan="3">as the rows above, same noise</td>
 *     <td>1% of the rows above</td><td>1% of the rows above</td></tr>
 * </table>
 */
public final class ParameterModel {

    /** Key in {@link CkksParameters#extra()} naming the row. */
    public static final String ROW_KEY = "parameter_set";

    private static final int[] N16_LEVELS = {3, 7, 12, 23};

    /**
     * OpenFHE, N=2^16, 128-bit, sparse ternary secret, scale 2^50, bootstrapping with level budget {3,3}.
     * Recalibrated on the project's OpenFHE engine: OpenFHE keeps one level for the bootstrap's own
     * scale adjustment, so the program sees 23 fresh levels and 7 after each bootstrap.
     */
    public static final ParameterRow OPENFHE_N16_SPARSE_BOOTSTRAP = new ParameterRow("openfhe-n16-sparse-bootstrap",
            Security.BITS_128, 128, "sparse-ternary", 192, 16, 8192, 50,
            57, // EvalBootstrap refuses 58 bits at N=2^16 (correction factor); 57 measured best
            3,
            23, // a fresh ciphertext may use the whole certified depth but the bootstrap's reserve level
            new Bootstrap(7, -10.5, 8192, 87, 20.2),
            new Costs(
                    Curve.of(N16_LEVELS, new double[] {76, 116, 161, 302}),
                    Curve.of(N16_LEVELS, new double[] {50, 77, 105, 183}),
                    // measured on a rescaled input: the engine rescales a product's result once, not in every product
                    // that reads it (at 23 levels a product that pays the rescale took 40 ms)
                    Curve.of(N16_LEVELS, new double[] {3, 5, 8, 15}),
                    Curve.of(N16_LEVELS, new double[] {102, 130, 236, 300}),
                    // estimated: two limb-wise additions, a small fraction of a plaintext multiplication
                    Curve.of(N16_LEVELS, new double[] {0.2, 0.4, 0.6, 1.2}),
                    // measured: encrypt fresh; decrypt of a low-level output
                    123, 170),
            new Sizes(98.3, Curve.of(N16_LEVELS, new double[] {5, 8, 13, 25})));

    /**
     * The same set bootstrapping full ciphertexts (up to 32768 slots), as large images use: measured on the project's
     * OpenFHE engine the same day as the 8192-slot bootstrap (51 s against 36 s there, max error 2^-9.3 against
     * 2^-10.7, 54 against 88 automorphism keys in all); the time is scaled to the other row's day. A 16384-slot
     * bootstrap is modelled with these figures (not measured).
     */
    public static final ParameterRow OPENFHE_N16_SPARSE_BOOTSTRAP_FULL = OPENFHE_N16_SPARSE_BOOTSTRAP.withBootstrap(
            "openfhe-n16-sparse-bootstrap-full", 32768, new Bootstrap(7, -9.3, 32768, 53, 28.5));

    /** OpenFHE, N=2^14, 128-bit, uniform ternary secret, depth 2 (logQP 260): client-aided segments. */
    public static final ParameterRow OPENFHE_N14_CLIENT_AIDED = new ParameterRow("openfhe-n14-client-aided",
            Security.BITS_128, 128, "uniform-ternary", 0, 14, 8192, 50, 60, 2,
            2, null,
            // measured on this project's OpenFHE engine (one thread)
            new Costs(Curve.flat(7.0), Curve.flat(4.8), Curve.flat(1.4),
                    Curve.flat(7.1),
                    Curve.flat(0.07),
                    5.3, 25),
            // 0.75 MiB measured at 2 levels = 3 limbs of 2 x 2^14 words
            new Sizes(2.5, Curve.of(new int[] {0, 2}, new double[] {0.25, 0.75})));

    /**
     * OpenFHE, N=2^15, 128-bit, uniform ternary secret, scale 2^40, up to 19 levels, no bootstrapping: deeper
     * programs without bootstrapping. Costs measured at 19 levels; lower levels scaled by the limb count, the
     * shape the N=2^16 measurements follow (estimated).
     */
    public static final ParameterRow OPENFHE_N15_DEEP = new ParameterRow("openfhe-n15-deep",
            Security.BITS_128, 128, "uniform-ternary", 0, 15, 8192, 40, 60, 3,
            19, null,
            new Costs(byLimbs(19, 155), byLimbs(19, 79), byLimbs(19, 9), byLimbs(19, 157),
                    byLimbs(19, 0.6), // estimated
                    150, 60), // estimated: the N=2^14 figures scaled by ring size and limb count
            // 20 limbs of 2 x 2^15 words at 19 levels (derived, not measured)
            new Sizes(39, byLimbs(19, 10)));

    /** Every row, cheapest first: {@link #select} takes the first that fits. */
    public static final List<ParameterRow> ROWS = List.of(
            OPENFHE_N14_CLIENT_AIDED,
            OPENFHE_N15_DEEP,
            OPENFHE_N16_SPARSE_BOOTSTRAP,
            OPENFHE_N16_SPARSE_BOOTSTRAP_FULL,
            OPENFHE_N14_CLIENT_AIDED.insecureTwin("insecure-client-aided", 0.01),
            OPENFHE_N15_DEEP.insecureTwin("insecure-deep", 0.01),
            OPENFHE_N16_SPARSE_BOOTSTRAP.insecureTwin("insecure-bootstrap", 0.01));

    /** A cost measured at {@code level} levels, proportional to the number of RNS limbs (level + 1) elsewhere. */
    private static Curve byLimbs(int level, double value) {
        return Curve.of(new int[] {0, level}, new double[] {value / (level + 1), value});
    }

    private ParameterModel() {
    }

    /**
     * The first row meeting {@code request}: same security, bootstrapping if asked for, at least the slots
     * and fresh levels asked for. A bootstrapping row also serves a request without bootstrapping (its
     * bootstrapping keys are then simply not generated), as a real library's deepest context would.
     *
     * @throws IllegalArgumentException naming the closest rows when none fits
     */
    public static ParameterRow select(ParameterRequest request) {
        StringBuilder why = new StringBuilder();
        for (ParameterRow row : ROWS) {
            if (row.security() != request.security() || request.bootstrapping() && !row.bootstrapping()) {
                continue;
            }
            if (request.slots() > row.slots()) {
                why.append("\n  ").append(row.name()).append(": holds at most ").append(row.slots()).append(" slots");
            } else if (request.levels() > row.maxFreshLevels()) {
                why.append("\n  ").append(row.name()).append(": a fresh ciphertext has at most ").append(row.maxFreshLevels()).append(" levels");
            } else {
                return row;
            }
        }
        throw new IllegalArgumentException("no simulated parameter set offers " + request.slots() + " slots and " + request.levels()
                + " fresh levels " + (request.bootstrapping() ? "with" : "without") + " bootstrapping at " + request.security()
                + (why.length() == 0 ? " (no row of that security and bootstrapping)" : ":" + why));
    }

    /**
     * The concrete parameters of {@code row} for {@code request}: the requested slot count and exactly the requested fresh
     * levels (a client may encrypt below the top level); bootstrapping only if requested.
     */
    public static CkksParameters parameters(String engine, ParameterRow row, ParameterRequest request) {
        boolean bootstrapping = request.bootstrapping() && row.bootstrapping();
        return new CkksParameters(engine, row.security(), row.securityBits(), row.secretDistribution(), row.logRingDimension(),
                request.slots(), row.scaleBits(), request.levels(), bootstrapping, bootstrapping ? row.levelsAfterBootstrap() : 0,
                Map.of(ROW_KEY, row.name()));
    }

    /**
     * The row {@code params} were made from.
     *
     * @throws IllegalArgumentException if they were not made by this model
     */
    public static ParameterRow rowOf(CkksParameters params) {
        String name = params.extra().get(ROW_KEY);
        for (ParameterRow row : ROWS) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        throw new IllegalArgumentException("parameters were not made by the simulated engine (no known '" + ROW_KEY + "': " + name + ")");
    }

    /** What the rows of {@code security} offer together. */
    public static Capabilities capabilities(Security security) {
        boolean bootstrapping = false;
        int maxSlots = 0;
        int maxFresh = 0;
        int after = 0;
        int freshWithBootstrap = 0;
        int bootstrapSlots = 0;
        for (ParameterRow row : ROWS) {
            if (row.security() != security) {
                continue;
            }
            maxFresh = Math.max(maxFresh, row.maxFreshLevels());
            if (row.bootstrapping()) {
                bootstrapping = true;
                after = Math.max(after, row.levelsAfterBootstrap());
                freshWithBootstrap = Math.max(freshWithBootstrap, row.maxFreshLevels());
                bootstrapSlots = Math.max(bootstrapSlots, row.slots());
            } else {
                maxSlots = Math.max(maxSlots, row.slots());
            }
        }
        // as OpenFHE: leveled and client-aided ciphertexts hold at most the leveled rows' slots; 128-bit plans that
        // bootstrap fill the bootstrapping ring, while the insecure test rings follow the tensors
        return new Capabilities(bootstrapping, maxSlots, maxFresh, after, freshWithBootstrap,
                security == Security.BITS_128 ? bootstrapSlots : 0);
    }
}
