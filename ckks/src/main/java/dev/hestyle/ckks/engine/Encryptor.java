package dev.hestyle.ckks.engine;

/** Client-side encryption and decryption with the secret key. */
public interface Encryptor extends AutoCloseable {

    /** Encrypts {@code slots} (at most the parameter's slot count, zero-padded) at the fresh level. */
    Ct encrypt(double[] slots);

    /** Decrypts to the full slot vector. */
    double[] decrypt(Ct ct);

    @Override
    void close();
}
