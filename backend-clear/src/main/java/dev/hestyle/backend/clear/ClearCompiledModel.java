package dev.hestyle.backend.clear;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.OpCounts;
import dev.hestyle.spi.PlanReport;
import dev.hestyle.spi.Server;
import dev.hestyle.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** A graph "compiled" by the clear backend: nothing is planned, the graph is interpreted as is. */
final class ClearCompiledModel implements CompiledModel {
    private final Sequential graph;
    private final Shape inputShape;
    private final Shape outputShape;
    private final Mode mode;
    private final String parameterHash;
    private final GraphStats stats;
    private final PlanReport plan;

    ClearCompiledModel(Sequential graph, Shape inputShape, Mode mode) {
        this.graph = graph;
        this.inputShape = inputShape;
        this.outputShape = graph.outputShape(inputShape);
        this.mode = mode;
        this.parameterHash = GraphDigest.of(graph, inputShape);
        this.stats = GraphStats.of(graph, inputShape);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("encrypted", false);
        details.put("layers", stats.leafLayers());
        details.put("multiplyAdds", stats.multiplyAdds());
        int roundTrips = mode == Mode.CLIENT_AIDED ? graph.reluCount() : 0;
        this.plan = new PlanReport(ClearBackendProvider.NAME, mode, null, null, 0, 0, OpCounts.ZERO, 0, roundTrips, details);
    }

    @Override
    public PlanReport plan() {
        return plan;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public Client newClient() {
        return new ClearClient(parameterHash, inputShape);
    }

    @Override
    public Client readClient(InputStream in) throws IOException {
        return ClearClient.read(in, parameterHash, inputShape);
    }

    @Override
    public Server newServer(EvaluationKeys keys) {
        if (!(keys instanceof ClearEvaluationKeys k)) {
            throw new IllegalArgumentException("not evaluation keys of the clear backend: " + (keys == null ? "null" : keys.getClass().getName()));
        }
        if (!k.parameterHash().equals(parameterHash)) {
            throw new WireFormatException(Reason.PARAMETER_MISMATCH, "evaluation keys were made for another model (hash "
                    + k.parameterHash() + ", expected " + parameterHash + ")");
        }
        return new ClearServer(graph, inputShape, mode, parameterHash, k.keyId(), stats.leafLayers());
    }

    @Override
    public EvaluationKeys readEvaluationKeys(InputStream in) throws IOException {
        return ClearEvaluationKeys.read(in, parameterHash);
    }

    @Override
    public Ciphertext readCiphertext(InputStream in) throws IOException {
        return ClearCiphertext.read(in, parameterHash, stats.largestTensor());
    }

    @Override
    public void close() {
        // Nothing native to free.
    }
}
