package dev.hestyle.spi;

/** The party that evaluates the network. It holds evaluation keys and the plan, never a secret key. */
public interface Server extends AutoCloseable {

    /**
     * Runs the compiled network on {@code input}.
     *
     * @param assist the client's activation step; {@link ClientAssist#NONE} in non-interactive mode
     * @param progress per-layer progress
     */
    Evaluation run(Ciphertext input, ClientAssist assist, ProgressListener progress);

    @Override
    void close();
}
