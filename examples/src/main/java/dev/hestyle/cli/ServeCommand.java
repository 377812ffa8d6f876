package dev.hestyle.cli;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.server.ServerConfig;
import dev.hestyle.cli.server.StyleServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hestyle serve}: the evaluation server, until SIGINT/SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the evaluation server: it receives evaluation keys and encrypted images over HTTP and returns",
                "encrypted results. It never receives a secret key. Stops cleanly on Ctrl-C / SIGTERM."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0 for all interfaces.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_PORT, description = "TCP port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2", converter = Converters.PositiveConverter.class,
            description = "Evaluations that run at once. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "16", description = "Evaluations that may wait for a worker; more get 503 BUSY. Default: ${DEFAULT-VALUE}.")
    int queue;

    // one 128-bit non-interactive key set is 11.5 GiB; client-aided ones are 149 MiB
    @Option(names = "--key-cache-bytes", paramLabel = "BYTES", defaultValue = "" + (16L << 30),
            description = "Total size of cached evaluation key sets (least recently used unused sets dropped first). Default: ${DEFAULT-VALUE}"
                    + " (16 GiB: one 128-bit non-interactive key set, or about a hundred client-aided ones).")
    long keyCacheBytes;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "" + (256L << 20),
            description = "Largest ciphertext request body. Default: ${DEFAULT-VALUE} (256 MiB).")
    long maxBodyBytes;

    @Option(names = "--max-chunk-bytes", paramLabel = "BYTES", defaultValue = "" + (64 << 20),
            description = "Largest key upload chunk. Default: ${DEFAULT-VALUE} (64 MiB).")
    int maxChunkBytes;

    @Option(names = "--max-uploads", paramLabel = "N", defaultValue = "4", converter = Converters.PositiveConverter.class,
            description = "Key uploads in progress at once; one more gets 503 BUSY. Default: ${DEFAULT-VALUE}.")
    int maxUploads;

    @Option(names = "--max-upload-bytes", paramLabel = "BYTES", defaultValue = "" + (24L << 30),
            description = "Bytes all key uploads in progress may hold together (on disk); a chunk beyond that gets 503 BUSY."
                    + " Default: ${DEFAULT-VALUE} (24 GiB).")
    long maxUploadBytes;

    @Option(names = "--session-ttl", paramLabel = "SECONDS", defaultValue = "600", converter = Converters.PositiveConverter.class,
            description = "Idle time after which a finished session or an unfinished upload is dropped. Default: ${DEFAULT-VALUE}.")
    int sessionTtlSeconds;

    @Option(names = "--client-round-timeout", paramLabel = "SECONDS", defaultValue = "60", converter = Converters.PositiveConverter.class,
            description = "Client-aided mode: how long an evaluation waits for the client's answer to one activation request;"
                    + " then the session fails (TIMEOUT) and frees its worker. Default: ${DEFAULT-VALUE}.")
    int clientRoundTimeoutSeconds;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "20", converter = Converters.PositiveConverter.class,
            description = "How long a client may take to send a request's headers; a body gets this much plus one second per"
                    + " 64 KiB. Slower connections are closed. Default: ${DEFAULT-VALUE}.")
    int readTimeoutSeconds;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS", defaultValue = "10",
            description = "On shutdown, how long running evaluations may take to finish before they are cancelled. Default: ${DEFAULT-VALUE}.")
    int graceSeconds;

    @Mixin
    BackendOption backend;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServerConfig config = new ServerConfig(host, port, workers, queue, keyCacheBytes, maxBodyBytes, maxChunkBytes, maxUploads, maxUploadBytes,
                Duration.ofSeconds(sessionTtlSeconds), Duration.ofSeconds(clientRoundTimeoutSeconds), Duration.ofSeconds(readTimeoutSeconds),
                Duration.ofSeconds(Math.max(0, graceSeconds)));
        StyleTransfer st;
        try (ConsoleProgress progress = ConsoleProgress.forConsole(spec.commandLine().getErr())) {
            st = LocalModel.compile(run, backend, progress);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        StyleServer server;
        try {
            server = StyleServer.start(st.compiled(), config);
        } catch (RuntimeException | java.io.IOException e) {
            st.close();
            throw e;
        }
        Thread hook = new Thread(() -> {
            try {
                server.close();
            } finally {
                st.close(); // native resources of the backend
                stopped.countDown();
            }
        }, "hestyle-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RunSummary.line(out, "listening", "http://" + host + ":" + server.port() + "/v1/ (" + st.backend().name() + ", "
                + st.compiled().plan().mode().label() + ")");
        out.flush();
        stopped.await();
        return Main.EXIT_OK;
    }
}
