package dev.hestyle.cli;

import dev.hestyle.api.StyleModel;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.resolve.CheckpointResolver;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that compile and run the model: model checkpoint, mode, depth, security. */
final class RunOptions {

    @Option(names = "--checkpoint", paramLabel = "PATH",
            description = "Mosaic checkpoint (.pth). Default: env HESTYLE_MOSAIC_CHECKPOINT, then the user cache, then a verified download.")
    Path checkpoint;

    // The tool defaults to client-aided: seconds per image with exact activations. Non-interactive (true
    // FHE with bootstrapping) takes minutes and about 16 GiB per process at 128-bit security.
    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "client-aided", converter = Converters.ModeConverter.class,
            description = "client-aided (the client applies each ReLU; seconds per image) or non-interactive (polynomial ReLU "
                    + "+ bootstrapping; minutes per image). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--relu-depth", paramLabel = "D", defaultValue = "" + CompileOptions.DEFAULT_RELU_DEPTH,
            converter = Converters.ReluDepthConverter.class,
            description = "Multiplicative depth of each polynomial ReLU in non-interactive mode, 2..7. Default: ${DEFAULT-VALUE}.")
    int reluDepth;

    @Option(names = "--insecure-test-params",
            description = "Use small parameters with NO security (for trying things out quickly). Also needs -D"
                    + Security.ALLOW_INSECURE_PROPERTY + "=true in the JVM options.")
    boolean insecureTestParams;

    /** The security level these flags ask for. */
    Security security() {
        return insecureTestParams ? Security.INSECURE_TEST_ONLY : Security.BITS_128;
    }

    /** Compile options for these flags, refusing insecure parameters unless the JVM allows them. */
    CompileOptions compileOptions(ProgressListener progress) {
        Security security = security();
        try {
            security.checkAllowed();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (with the launcher: HESTYLE_JAVA_OPTS=-D"
                    + Security.ALLOW_INSECURE_PROPERTY + "=true ./hestyle ...)", e);
        }
        return CompileOptions.defaults().withMode(mode).withReluDepth(reluDepth).withSecurity(security).withProgress(progress);
    }

    /** Finds the checkpoint (explicit path first) and loads the model from it. */
    StyleModel loadModel() {
        Path path = new CheckpointResolver().resolve(checkpoint);
        return MosaicModel.load(path);
    }
}
