package dev.hestyle.cli;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
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

/** {@code hestyle encrypt}: an image to a ciphertext file, with the secret key from {@code keygen}. */
@Command(name = "encrypt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Encrypt an image (resized to --size, 32x32 by default, and normalised as the model expects) into a ciphertext file.")
final class EncryptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--secret-key", paramLabel = "FILE", required = true, description = "The secret key written by 'keygen'.")
    Path secretKey;

    @Option(names = "--input", paramLabel = "IN", required = true, description = "Input image, PNG or JPEG.")
    Path input;

    @Option(names = "--output", paramLabel = "OUT.ct", required = true, description = "Where to write the ciphertext.")
    Path output;

    @Mixin
    BackendOption backend;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OutputFiles.checkParent(output);
        var image = ImageFiles.read(input);
        try (ConsoleProgress progress = ConsoleProgress.forConsole(spec.commandLine().getErr());
             StyleTransfer st = LocalModel.compile(run, backend, progress);
             Client client = SecretKeyFile.client(secretKey, st.compiled())) {
            try (Ciphertext ct = client.encrypt(st.model().preprocess(image));
                 OutputStream o = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
                ct.writeTo(o);
            }
            RunSummary.line(out, "wrote", output + " (" + Units.bytes(Files.size(output)) + ", key " + client.evaluationKeys().keyId() + ")");
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
