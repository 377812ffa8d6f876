package dev.hestyle.ckks.engine;

import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * A CKKS library. Implementations are created lazily by their backend provider (native code loads
 * here, not during discovery) and must be safe for concurrent use of different objects.
 */
public interface CkksEngine extends AutoCloseable {

    /** Backend name written into artifact headers, e.g. {@code "openfhe"}. */
    String name();

    /** What parameter sets this engine can offer at {@code security}. */
    Capabilities capabilities(Security security);

    /**
     * Concrete parameters for {@code request}.
     *
     * @throws IllegalArgumentException if no parameter set of this engine satisfies it
     */
    CkksParameters parameters(ParameterRequest request);

    /** Generates a secret key and the evaluation keys {@code request} asks for. */
    KeyPair generateKeys(CkksParameters params, KeyRequest request, ProgressListener progress);

    /**
     * Restores a key pair written by {@link KeyPair#writeSecret}; the header was already checked. The
     * result must at least serve {@link #encryptor} and report the original key id.
     */
    KeyPair readKeyPair(CkksParameters params, DataInputStream in) throws IOException;

    /** The client's encryptor/decryptor over {@code secret}. */
    Encryptor encryptor(CkksParameters params, KeyPair keys);

    /** A server-side evaluator that holds only {@code keys}. */
    Evaluator evaluator(CkksParameters params, EvalKeyMaterial keys);

    /** Reads evaluation keys written by {@link EvalKeyMaterial#write}; the header was already checked. */
    EvalKeyMaterial readEvalKeys(CkksParameters params, DataInputStream in) throws IOException;

    /** Reads a ciphertext body written by {@link Ct#write}; the header was already checked. */
    Ct readCiphertext(CkksParameters params, DataInputStream in) throws IOException;

    @Override
    void close();
}
