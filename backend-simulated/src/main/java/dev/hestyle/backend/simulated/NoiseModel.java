package dev.hestyle.backend.simulated;

import java.util.Set;

/**
 * Standard deviations (in message units, per slot) of the errors real CKKS adds at one parameter set,
 * from the usual average-case estimates (Cheon–Kim–Kim–Song 2017; Costache, Curtis, Hales, Murphy,
 * Ogilvie, Player 2022 "On the precision loss in approximate homomorphic encryption").
 *
 * <p>An error polynomial with independent coefficients of variance {@code v} decodes to slots whose real
 * parts have variance {@code N·v/2}; divided by the scale Δ it is an error in message units. With
 * {@code σ = 3.19} the RLWE error width, {@code ‖s‖²} the secret's squared norm ({@code h} for a sparse
 * secret, {@code 2N/3} for uniform ternary) and {@code dnum} key-switching digits:
 * <ul>
 *   <li>encoding: coefficients rounded to integers, {@code v = 1/12};</li>
 *   <li>public-key encryption: {@code v = σ²(2N/3 + ‖s‖² + 1)} (ephemeral ternary key times the public-key
 *       error, plus the two fresh errors, one times the secret);</li>
 *   <li>rescale: both components rounded, {@code v = (1 + ‖s‖²)/12};</li>
 *   <li>key switching (hybrid, special modulus P at least the digit size):
 *       {@code v = dnum·N·σ²/12 + (1 + ‖s‖²)/12}; at scale Δ for rotations, at Δ² (before the rescale)
 *       for relinearisation, where it is negligible;</li>
 *   <li>bootstrap: Gaussian with σ chosen so that the median of the largest error over the row's
 *       reference slot count equals the measured maximum.</li>
 * </ul>
 * At N=2^16, Δ=2^50 this gives about 2^-44 (encoding), 2^-33 (encryption), 2^-40 (rescale), 2^-34
 * (rotation) per slot — all far below the bootstrap's 2^-9.7 and the polynomial activations' error.
 */
public final class NoiseModel {
    /** Standard deviation of the RLWE error distribution used by OpenFHE and SEAL. */
    public static final double ERROR_SIGMA = 3.19;

    private final double encoding;
    private final double encryption;
    private final double rescale;
    private final double rotation;
    private final double relinearisation;
    private final double bootstrap;
    private final double level0Modulus;

    /** The noise of {@code row}, injecting only {@code sources}. */
    public NoiseModel(ParameterRow row, Set<NoiseSource> sources) {
        double n = row.ringDimension();
        double delta = Math.scalb(1.0, row.scaleBits());
        double s2 = row.secretSquaredNorm();
        double sigma2 = ERROR_SIGMA * ERROR_SIGMA;
        this.encoding = on(sources, NoiseSource.ENCODING, slotStd(n, 1.0 / 12) / delta);
        this.encryption = on(sources, NoiseSource.ENCRYPTION, slotStd(n, sigma2 * (2 * n / 3 + s2 + 1)) / delta);
        this.rescale = on(sources, NoiseSource.RESCALE, slotStd(n, (1 + s2) / 12) / delta);
        double keySwitch = slotStd(n, row.decompositionDigits() * n * sigma2 / 12 + (1 + s2) / 12) / delta;
        this.rotation = on(sources, NoiseSource.KEY_SWITCH, keySwitch);
        this.relinearisation = on(sources, NoiseSource.KEY_SWITCH, keySwitch / delta);
        this.bootstrap = row.bootstrap() == null ? 0 : on(sources, NoiseSource.BOOTSTRAP,
                Math.pow(2, row.bootstrap().maxErrorLog2()) / medianMaxAbsGaussian(row.bootstrap().referenceSlots()));
        this.level0Modulus = Math.scalb(1.0, row.firstModulusBits() - row.scaleBits());
    }

    private static double on(Set<NoiseSource> sources, NoiseSource source, double std) {
        return sources.contains(source) ? std : 0;
    }

    private static double slotStd(double n, double coefficientVariance) {
        return Math.sqrt(n * coefficientVariance / 2);
    }

    /** Error of encoding one value (plaintext slot or constant) at scale Δ. */
    public double encoding() {
        return encoding;
    }

    /** Error of a fresh encryption, encoding included. */
    public double fresh() {
        return Math.hypot(encoding, encryption);
    }

    /** Error of one rescale. */
    public double rescale() {
        return rescale;
    }

    /** Error of the key switch in one rotation. */
    public double rotation() {
        return rotation;
    }

    /** Error of relinearisation, seen after the rescale that follows it. */
    public double relinearisation() {
        return relinearisation;
    }

    /** Error of one bootstrap. */
    public double bootstrap() {
        return bootstrap;
    }

    /** q0/Δ: level-0 values are only defined modulo this (real decryption wraps them around). */
    public double level0Modulus() {
        return level0Modulus;
    }

    /**
     * The median of the largest of {@code n} independent |N(0,1)| values, i.e. t with
     * {@code (1 - erfc(t/√2))^n = 1/2}. About 3.93 for n = 8192.
     */
    public static double medianMaxAbsGaussian(int n) {
        double target = -Math.expm1(Math.log(0.5) / n); // 1 - 2^(-1/n), accurately for large n
        double lo = 0;
        double hi = 40;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (erfc(mid / Math.sqrt(2)) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** Complementary error function, fractional error below 1.2e-7 (Chebyshev fit, Numerical Recipes erfcc). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
