package dev.hestyle.backend.clear;

import dev.hestyle.api.UnsupportedGraphException;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.tensor.Shape;
import java.util.Objects;

/**
 * The clear backend. <strong>It does not encrypt:</strong> clients, servers and "ciphertexts" carry plain
 * tensors. It exists as the reference for the encrypting backends and to test tools and the wire
 * protocol without cryptography. The security level of the options is ignored and the plan reports no
 * security ({@code securityBits == null}).
 */
public final class ClearBackend implements Backend {

    @Override
    public String name() {
        return ClearBackendProvider.NAME;
    }

    @Override
    public boolean encrypts() {
        return false;
    }

    /**
     * Accepts any graph that applies to {@code inputShape}.
     *
     * @throws UnsupportedGraphException if the graph does not apply to the input shape, or a batch of several images
     *                                   per ciphertext is asked for (there are no ciphertexts to share)
     */
    @Override
    public CompiledModel compile(Sequential graph, Shape inputShape, CompileOptions options) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(options, "options");
        if (options.batch() != 1) {
            throw new UnsupportedGraphException("the clear backend runs one image at a time, a batch of " + options.batch() + " was asked for");
        }
        try {
            graph.outputShape(inputShape);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedGraphException("graph does not apply to inputs of shape " + inputShape + ": " + e.getMessage());
        }
        return new ClearCompiledModel(graph, inputShape, options.mode());
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
