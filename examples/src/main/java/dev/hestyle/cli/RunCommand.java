package dev.hestyle.cli;

import dev.hestyle.api.HestyleException;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.cli.client.KeyTokens;
import dev.hestyle.cli.client.KeyUploader;
import dev.hestyle.cli.client.RemoteEvaluation;
import dev.hestyle.cli.client.ServerApi;
import dev.hestyle.cli.client.ServerKey;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.spi.EvaluationKeys;
import dev.hestyle.tensor.Tensor;
import dev.hestyle.wire.Header;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hestyle run}: the client of {@code hestyle serve}. Encrypts each image here, uploads the
 * evaluation keys once, lets the server evaluate (answering its activation requests in client-aided mode)
 * and decrypts the result here.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Stylise images on a remote 'hestyle serve': encrypt here, evaluate there, decrypt here.",
                "Uses the key set from 'keygen' (--secret-key with --eval-keys), or a fresh one kept in memory only."})
final class RunCommand implements Callable<Integer> {

    /** Where results go: one file for one input, or a folder. */
    static final class Destination {
        @Option(names = "--output", paramLabel = "OUT.png", required = true, description = "Output PNG (only with a single --input).")
        Path output;

        @Option(names = "--output-dir", paramLabel = "DIR", required = true, description = "Output folder: each input IN.ext is written as DIR/IN.png.")
        Path outputDir;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "http://" + dev.hestyle.cli.server.ServerConfig.DEFAULT_HOST + ":"
            + dev.hestyle.cli.server.ServerConfig.DEFAULT_PORT, description = "The server. Default: ${DEFAULT-VALUE}.")
    URI server;

    @Option(names = "--secret-key", paramLabel = "FILE", description = "Secret key from 'keygen' (needs --eval-keys too).")
    Path secretKey;

    @Option(names = "--eval-keys", paramLabel = "FILE", description = {"Evaluation keys from 'keygen', uploaded unless the server holds them for",
            "this client (its access tokens are kept in FILE.tokens, owner-only)."})
    Path evalKeys;

    @Option(names = "--input", paramLabel = "IN", required = true, description = "Input image(s), PNG or JPEG; repeat for several.")
    List<Path> inputs;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    @Mixin
    BackendOption backend;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if ((secretKey == null) != (evalKeys == null)) {
            throw new IllegalArgumentException("--secret-key and --eval-keys go together (or leave both out for a fresh key set)");
        }
        if (destination.output != null && inputs.size() != 1) {
            throw new IllegalArgumentException("--output takes one --input; use --output-dir for " + inputs.size() + " inputs");
        }
        if (destination.outputDir != null && !Files.isDirectory(destination.outputDir)) {
            throw new IllegalArgumentException("output folder " + destination.outputDir + " does not exist");
        }
        ServerApi api = new ServerApi(server);
        Map<String, Object> health = api.health();
        try (ConsoleProgress progress = ConsoleProgress.forConsole(spec.commandLine().getErr());
             StyleTransfer st = LocalModel.compile(run, backend, progress)) {
            CompiledModel model = st.compiled();
            checkServer(health, st);
            byte[] secret = secretKey != null ? SecretKeyFile.read(secretKey) : freshSecret(model);
            try {
                ServerKey key = uploadKeys(api, model, secret, progress);
                RemoteEvaluation remote = new RemoteEvaluation(api, model);
                for (Path input : inputs) {
                    Tensor tensor = st.model().preprocess(ImageFiles.read(input));
                    // Each image starts from the key file, exactly as a separate encrypt/decrypt would: an
                    // image's result then does not depend on which images ran before it in this process.
                    try (Client client = model.readClient(new ByteArrayInputStream(secret))) {
                        long t0 = System.nanoTime();
                        RemoteEvaluation.Outcome o;
                        try (Ciphertext sent = client.encrypt(tensor)) {
                            o = remote.run(client, key, sent, progress);
                        }
                        Tensor result;
                        try (Ciphertext received = o.output()) {
                            result = client.decrypt(received);
                        }
                        progress.close();
                        Path target = target(input);
                        ImageFiles.writePng(st.model().postprocess(result), target);
                        RunSummary.line(out, "wrote", target + " (" + Units.seconds((System.nanoTime() - t0) / 1e9) + ", "
                                + o.roundTrips() + " client round trips, key " + key.id() + ")");
                        out.flush();
                    }
                }
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        return Main.EXIT_OK;
    }

    /** Fails early, with a clear message, if the server runs another backend or mode. */
    private static void checkServer(Map<String, Object> health, StyleTransfer st) {
        String backend = st.backend().name();
        String mode = st.compiled().plan().mode().label();
        if (!backend.equals(health.get("backend")) || !mode.equals(health.get("mode"))) {
            throw new HestyleException("the server runs backend '" + health.get("backend") + "' in " + health.get("mode")
                    + " mode, this client compiled '" + backend + "' in " + mode + " mode: use the same --backend and --mode on both sides");
        }
    }

    private static byte[] freshSecret(CompiledModel model) throws IOException {
        try (Client client = model.newClient()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            client.writeSecretKey(b);
            return b.toByteArray();
        }
    }

    private ServerKey uploadKeys(ServerApi api, CompiledModel model, byte[] secret, ConsoleProgress progress) throws IOException {
        KeyUploader uploader = new KeyUploader(api);
        if (evalKeys != null) {
            String keyId;
            try (InputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(evalKeys)))) {
                keyId = Header.read((DataInputStream) in).keyId();
            }
            String mine = Header.read(new DataInputStream(new ByteArrayInputStream(secret))).keyId();
            if (!keyId.equals(mine)) {
                throw new HestyleException(evalKeys + " holds evaluation keys " + keyId + " but " + secretKey + " is the secret key of " + mine);
            }
            KeyTokens tokens = new KeyTokens(evalKeys);
            ServerKey key = uploader.ensure(tokens.get(api.base()), Files.size(evalKeys), o -> Files.copy(evalKeys, o), progress);
            tokens.put(api.base(), key);
            progress.close();
            return key;
        }
        try (Client client = model.readClient(new ByteArrayInputStream(secret))) {
            // a fresh key set is new to every server: nothing to remember
            EvaluationKeys keys = client.evaluationKeys();
            ServerKey key = uploader.ensure(null, keys.byteSize(), keys::writeTo, progress);
            progress.close();
            return key;
        }
    }

    private Path target(Path input) {
        if (destination.output != null) {
            return destination.output;
        }
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return destination.outputDir.resolve((dot > 0 ? name.substring(0, dot) : name) + ".png");
    }
}
