package dev.hestyle.backend.clear;

import dev.hestyle.api.EvaluationException;
import dev.hestyle.graph.Layer;
import dev.hestyle.graph.Residual;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.OpCounts;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Server;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The clear backend's server: runs the graph with {@link ClearInterpreter} on the plain tensor inside a
 * {@link ClearCiphertext}. In client-aided mode every ReLU is a round trip to the client, exactly as an
 * encrypting backend does it, so the protocol can be exercised without cryptography.
 */
final class ClearServer implements Server {
    private static final String PHASE = "eval";

    private final Sequential graph;
    private final Shape inputShape;
    private final Mode mode;
    private final String parameterHash;
    private final String keyId;
    private final int leafLayers;
    private volatile boolean closed;

    ClearServer(Sequential graph, Shape inputShape, Mode mode, String parameterHash, String keyId, int leafLayers) {
        this.graph = graph;
        this.inputShape = inputShape;
        this.mode = mode;
        this.parameterHash = parameterHash;
        this.keyId = keyId;
        this.leafLayers = leafLayers;
    }

    @Override
    public Evaluation run(Ciphertext input, ClientAssist assist, ProgressListener progress) {
        if (closed) {
            throw new IllegalStateException("this server is closed");
        }
        Tensor in = ClearCiphertext.check(input, parameterHash, keyId).tensor();
        if (!in.shape().equals(inputShape)) {
            throw new EvaluationException("the model takes inputs of shape " + inputShape + ", the ciphertext holds " + in.shape());
        }
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        int[] roundTrips = {0};
        UnaryOperator<Tensor> relu = mode == Mode.CLIENT_AIDED ? t -> {
            roundTrips[0]++;
            return fromClient(assist.assist(new ClearCiphertext(parameterHash, keyId, t)), t.shape());
        } : ClearOps::relu;
        long[] done = {0};
        Tensor out = ClearInterpreter.run(graph, in, (path, layer, layerIn, layerOut) -> {
            if (isLeaf(layer)) {
                listener.onProgress(PHASE, ++done[0], leafLayers);
            }
        }, relu);
        return new Evaluation(new ClearCiphertext(parameterHash, keyId, out), OpCounts.ZERO, roundTrips[0], Map.of("layers", leafLayers));
    }

    private Tensor fromClient(Ciphertext response, Shape expected) {
        Tensor t = ClearCiphertext.check(response, parameterHash, keyId).tensor();
        if (!t.shape().equals(expected)) {
            throw new EvaluationException("the client answered with shape " + t.shape() + " where " + expected + " was expected");
        }
        return t;
    }

    private static boolean isLeaf(Layer layer) {
        return !(layer instanceof Sequential) && !(layer instanceof Residual);
    }

    @Override
    public void close() {
        closed = true;
    }
}
