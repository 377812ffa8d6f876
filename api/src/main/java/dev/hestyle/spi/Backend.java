package dev.hestyle.spi;

import dev.hestyle.graph.Sequential;
import dev.hestyle.tensor.Shape;

/**
 * A created backend. It receives a whole graph once and plans it ("compile, then run"), so that it can
 * fuse layers and place expensive operations globally instead of executing layer by layer.
 */
public interface Backend extends AutoCloseable {

    String name();

    /** Whether this backend computes on real ciphertexts (see {@link BackendProvider#encrypts()}). */
    boolean encrypts();

    /**
     * Plans {@code graph} for inputs of {@code inputShape}.
     *
     * @throws dev.hestyle.api.UnsupportedGraphException if a layer or option cannot be lowered
     */
    CompiledModel compile(Sequential graph, Shape inputShape, CompileOptions options);

    /** Releases what the backend holds; safe to call twice. */
    @Override
    void close();
}
