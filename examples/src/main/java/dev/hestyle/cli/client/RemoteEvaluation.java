package dev.hestyle.cli.client;

import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One encrypted evaluation on the server: sends the encrypted input, follows the session (answering each
 * activation request with the client's secret key in client-aided mode) and returns the encrypted result.
 */
public final class RemoteEvaluation {
    /** How long one status request may wait on the server for a change. */
    static final int POLL_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(RemoteEvaluation.class);

    /**
     * What came back.
     *
     * @param output the encrypted result
     * @param roundTrips activation requests answered
     * @param status the server's final status document
     */
    public record Outcome(Ciphertext output, int roundTrips, Map<String, Object> status) {
    }

    private final ServerApi api;
    private final CompiledModel model;

    public RemoteEvaluation(ServerApi api, CompiledModel model) {
        this.api = api;
        this.model = model;
    }

    /** Runs {@code input} (encrypted by {@code client}) on the server with {@code key}, the client's key set already uploaded. */
    public Outcome run(Client client, ServerKey key, Ciphertext input, ProgressListener progress) {
        byte[] bytes = input.toBytes();
        progress.onProgress("send", 0, bytes.length);
        Map<String, Object> status = api.startSession(key, bytes);
        progress.onProgress("send", bytes.length, bytes.length);
        String session = (String) status.get("session");
        log.debug("session {} started", session);
        int answered = 0;
        while (true) {
            String state = (String) status.get("state");
            switch (state) {
                case "done" -> {
                    Ciphertext out = read(api.result(session, progress));
                    return new Outcome(out, answered, status);
                }
                case "failed" -> throw new RemoteException(0, String.valueOf(status.get("error")), String.valueOf(status.get("message")));
                case "needs-client" -> {
                    int round = ((Number) status.get("round")).intValue();
                    if (round > answered) {
                        Ciphertext request = read(api.activationRequest(session, ProgressListener.NONE));
                        api.assist(session, round, client.assist(request).toBytes());
                        answered = round;
                    }
                }
                default -> reportProgress(status, progress);
            }
            status = api.status(session, POLL_SECONDS);
        }
    }

    private static void reportProgress(Map<String, Object> status, ProgressListener progress) {
        if (status.get("progress") instanceof Map<?, ?> p && p.get("done") instanceof Number d && p.get("total") instanceof Number t) {
            progress.onProgress("compute", d.longValue(), t.longValue());
        }
    }

    private Ciphertext read(byte[] bytes) {
        try {
            return model.readCiphertext(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
