package dev.hestyle.backend.openfhe.jni;

/**
 * The ring of an OpenFHE context as hestyle's encoding of ciphertexts and keys sees it: the ring
 * dimension, the moduli of each kind of polynomial, the key-switching digits and the scaling factor of
 * every level. Read once from the context; decoders check every field of incoming bytes against it, so
 * that nothing a sender writes chooses a ring, a modulus or a size.
 */
public final class RingLayout {
    private final int ringDimension;
    private final int slots;
    private final long[] ciphertextModuli;
    private final long[] switchingModuli;
    private final long[] publicKeyModuli;
    private final int digits;
    private final double[] scalingFactors;

    RingLayout(int ringDimension, int slots, long[] ciphertextModuli, long[] auxiliaryModuli, long[] publicKeyModuli, int digits,
               double[] scalingFactors) {
        if (ciphertextModuli.length == 0 || scalingFactors.length != ciphertextModuli.length || digits < 1) {
            throw new IllegalStateException("OpenFHE reported an inconsistent ring");
        }
        this.ringDimension = ringDimension;
        this.slots = slots;
        this.ciphertextModuli = ciphertextModuli.clone();
        this.switchingModuli = new long[ciphertextModuli.length + auxiliaryModuli.length];
        System.arraycopy(ciphertextModuli, 0, switchingModuli, 0, ciphertextModuli.length);
        System.arraycopy(auxiliaryModuli, 0, switchingModuli, ciphertextModuli.length, auxiliaryModuli.length);
        this.publicKeyModuli = publicKeyModuli.clone();
        this.digits = digits;
        this.scalingFactors = scalingFactors.clone();
    }

    /** N: coefficients per tower. */
    public int ringDimension() {
        return ringDimension;
    }

    public int slots() {
        return slots;
    }

    /** Moduli Q of a fresh ciphertext; a ciphertext at a lower level has a prefix of them. */
    public int ciphertextTowers() {
        return ciphertextModuli.length;
    }

    public long ciphertextModulus(int tower) {
        return ciphertextModuli[tower];
    }

    /** Moduli Q then P of every polynomial of a key-switching key. */
    public int switchingTowers() {
        return switchingModuli.length;
    }

    public long switchingModulus(int tower) {
        return switchingModuli[tower];
    }

    public int publicKeyTowers() {
        return publicKeyModuli.length;
    }

    public long publicKeyModulus(int tower) {
        return publicKeyModuli[tower];
    }

    /** Digits of a hybrid key-switching key (OpenFHE's partitions of Q, from dnum). */
    public int keySwitchingDigits() {
        return digits;
    }

    /**
     * The scaling factor OpenFHE's FLEXIBLEAUTO gives a ciphertext with {@code towers} moduli and scale
     * degree {@code degree} (1, or 2 before a pending rescale).
     */
    public double scalingFactor(int towers, int degree) {
        if (towers < 1 || towers > ciphertextModuli.length || degree < 1 || degree > 2) {
            throw new IllegalArgumentException(towers + " towers at scale degree " + degree);
        }
        double factor = scalingFactors[ciphertextModuli.length - towers];
        return degree == 2 ? factor * factor : factor;
    }
}
