package dev.hestyle.cli;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hestyle decrypt}: the server's encrypted result to a PNG, with the secret key. */
@Command(name = "decrypt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Decrypt the encrypted result of the server and write it as a PNG at the network's size (--size, 32x32 by default).")
final class DecryptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--secret-key", paramLabel = "FILE", required = true, description = "The secret key written by 'keygen'.")
    Path secretKey;

    @Option(names = "--input", paramLabel = "IN.ct", required = true, description = "The ciphertext file.")
    Path input;

    @Option(names = "--output", paramLabel = "OUT.png", required = true, description = "Where to write the image.")
    Path output;

    @Mixin
    BackendOption backend;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OutputFiles.checkParent(output);
        try (ConsoleProgress progress = ConsoleProgress.forConsole(spec.commandLine().getErr());
             StyleTransfer st = LocalModel.compile(run, backend, progress);
             Client client = SecretKeyFile.client(secretKey, st.compiled());
             InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
            try (Ciphertext ct = st.compiled().readCiphertext(in)) {
                ImageFiles.writePng(st.model().postprocess(client.decrypt(ct)), output);
            }
            RunSummary.line(out, "wrote", output.toString());
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
