package dev.hestyle.cli;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.EvaluationKeys;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hestyle keygen}: a fresh key set, the secret key for the client and the evaluation keys for the server. */
@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Generate a key set for the compiled model: the secret key (owner-only file; never leaves this machine)",
                "and the evaluation keys (public; upload them to the server with 'run', or copy them over)."})
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--secret-key", paramLabel = "FILE", required = true, description = "Where to write the secret key (created with mode 0600).")
    Path secretKey;

    @Option(names = "--eval-keys", paramLabel = "FILE", required = true, description = "Where to write the evaluation keys.")
    Path evalKeys;

    @Option(names = "--force", description = "Replace an existing secret key file.")
    boolean force;

    @Mixin
    BackendOption backend;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OutputFiles.checkParent(secretKey);
        OutputFiles.checkParent(evalKeys);
        if (Files.exists(secretKey) && !force) {
            throw new IllegalArgumentException(secretKey + " exists: replacing a secret key loses access to everything encrypted under it (use --force)");
        }
        try (ConsoleProgress progress = ConsoleProgress.forConsole(spec.commandLine().getErr());
             StyleTransfer st = LocalModel.compile(run, backend, progress);
             Client client = st.compiled().newClient()) {
            SecretKeyFile.write(secretKey, client, force);
            EvaluationKeys keys = client.evaluationKeys();
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(evalKeys), 1 << 16)) {
                keys.writeTo(o);
            }
            RunSummary.line(out, "backend", st.backend().name() + " (" + st.compiled().plan().mode().label() + ")");
            RunSummary.line(out, "key id", keys.keyId());
            RunSummary.line(out, "secret", secretKey + " (" + Units.bytes(Files.size(secretKey)) + ", keep it on this machine)");
            RunSummary.line(out, "eval keys", evalKeys + " (" + Units.bytes(Files.size(evalKeys)) + ", for the server)");
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
