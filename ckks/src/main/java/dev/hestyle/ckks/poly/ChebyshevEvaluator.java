package dev.hestyle.ckks.poly;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.ckks.engine.Ct;
import dev.hestyle.ckks.engine.Evaluator;
import dev.hestyle.spi.OpCounts;

/**
 * Evaluates a {@link ChebyshevSeries} on a ciphertext using exactly {@link ChebyshevSeries#depth()}
 * levels, coefficient multiplications included.
 *
 * <p>Recursive splitting: {@code p = q0 + T_m · q1} with {@code m} the largest power of two not above
 * the degree ({@link ChebyshevSplit}); {@code T_m} comes from {@code T_{2n} = 2 T_n² - 1}
 * ({@link ChebyshevPowers}, shared across the recursion), and the leaves are {@code c0 + c1·x} (one
 * constant multiplication) or, when {@code q1} is a constant, {@code c·T_m}. For degree {@code n} with
 * {@code 2^k <= n < 2^(k+1)}, {@code T_{2^k}} and {@code q1} both sit at most {@code k} levels down, so
 * the product sits at {@code k + 1}; by induction the result is exactly {@code ceil(log2(n+1))} levels
 * below the input. The structure depends on the nominal degree only, never on the coefficient values,
 * so {@link #cost} is exact.
 *
 * <p>Ciphertext multiplications for degree {@code 2^d - 1}: {@code 2^(d-1) - 1} products plus
 * {@code d - 1} powers; constant multiplications: {@code 2^(d-1)}.
 */
public final class ChebyshevEvaluator {

    private ChebyshevEvaluator() {
    }

    /**
     * {@code p(x)} slot-wise, {@code p.depth()} levels below {@code x}. Never closes {@code x}; closes
     * every intermediate it creates.
     *
     * @throws EvaluationException if {@code x} has fewer than {@code p.depth()} levels
     */
    public static Ct evaluate(Evaluator ev, Ct x, ChebyshevSeries p) {
        if (x.level() < p.depth()) {
            throw new EvaluationException("a degree-" + p.degree() + " polynomial needs " + p.depth()
                    + " levels but the ciphertext has " + x.level());
        }
        double[] c = p.coefficients();
        if (c.length == 1) {
            // x - x is an encryption of zero at x's level: a constant without a multiplication
            try (Ct zero = ev.sub(x, x)) {
                return ev.addConst(zero, c[0]);
            }
        }
        try (ChebyshevPowers powers = new ChebyshevPowers(ev, x)) {
            return evaluate(ev, powers, c);
        }
    }

    /** Degree {@code c.length - 1 >= 1}. */
    private static Ct evaluate(Evaluator ev, ChebyshevPowers powers, double[] c) {
        int n = c.length - 1;
        if (n == 1) {
            try (Ct scaled = ev.mulConst(powers.get(0), c[1])) {
                return ev.addConst(scaled, c[0]);
            }
        }
        int k = 31 - Integer.numberOfLeadingZeros(n);
        ChebyshevSplit split = ChebyshevSplit.of(c, 1 << k);
        try (Ct high = highTimesPower(ev, powers, split.high(), k); Ct low = evaluate(ev, powers, split.low())) {
            return ev.add(low, high);
        }
    }

    /** {@code T_{2^k} · q1}. */
    private static Ct highTimesPower(Evaluator ev, ChebyshevPowers powers, double[] q1, int k) {
        Ct tm = powers.get(k);
        if (q1.length == 1) {
            return ev.mulConst(tm, q1[0]);
        }
        try (Ct inner = evaluate(ev, powers, q1)) {
            return ev.mul(tm, inner);
        }
    }

    /**
     * Operations {@link #evaluate} performs for {@code p}: ciphertext multiplications as
     * {@link OpCounts#ctMults()}, constant multiplications as {@link OpCounts#ptMults()}; no rotations
     * or bootstraps.
     */
    public static OpCounts cost(ChebyshevSeries p) {
        int n = p.degree();
        if (n == 0) {
            return OpCounts.ZERO;
        }
        long[] counts = new long[2];
        count(n, counts);
        int powers = 31 - Integer.numberOfLeadingZeros(n);
        return new OpCounts(0, counts[0] + powers, counts[1], 0);
    }

    /** Adds the {ciphertext, constant} multiplications of the recursion for degree {@code n >= 1}. */
    private static void count(int n, long[] counts) {
        if (n == 1) {
            counts[1]++;
            return;
        }
        int m = Integer.highestOneBit(n);
        if (n == m) {
            counts[1]++;
        } else {
            count(n - m, counts);
            counts[0]++;
        }
        count(m - 1, counts);
    }
}
