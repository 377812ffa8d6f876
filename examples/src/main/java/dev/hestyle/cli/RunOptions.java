package dev.hestyle.cli;

import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.resolve.CheckpointResolver;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Security;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that compile and run the model: model checkpoint, image size, mode, depth, security. */
final class RunOptions {

    @Option(names = "--checkpoint", paramLabel = "PATH",
            description = "Mosaic checkpoint (.pth). Default: env HESTYLE_MOSAIC_CHECKPOINT, then the user cache, then a verified download.")
    Path checkpoint;

    @Option(names = "--size", paramLabel = "HxW|N", converter = Converters.SizeConverter.class,
            description = "Size the network runs at: HxW (height x width) or N (the longer side; the other follows the input's aspect "
                    + "ratio, rounded to a multiple of 4). Sides are multiples of 4. Default: 32x32. An input of exactly that size "
                    + "is not resampled. Commands that see no image (keygen, serve, decrypt) and those that must agree with them "
                    + "(encrypt, run) read N as NxN; client and server must give the same size.")
    SizeSpec size;

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

    /** The size these flags ask for when no image is at hand: {@code HxW}, {@code NxN} for {@code N}, else 32x32. */
    ImageSize size() {
        return size == null ? ImageSize.DEFAULT : size.withoutImage();
    }

    /** The size these flags ask for to run {@code image}: as {@link #size()}, but {@code N} keeps the image's aspect ratio. */
    ImageSize sizeFor(RgbImage image) {
        return size == null ? ImageSize.DEFAULT : size.forImage(image);
    }

    /** Finds the checkpoint (explicit path first) and loads the model from it, at {@link #size()}. */
    MosaicModel loadModel() {
        Path path = new CheckpointResolver().resolve(checkpoint);
        return MosaicModel.load(path).withSize(size());
    }
}
