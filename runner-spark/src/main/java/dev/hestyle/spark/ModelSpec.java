package dev.hestyle.spark;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Security;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What it takes to compile the model again on another machine: the checkpoint (a path every executor can
 * read), the image size, the backend and the compile options. Planning is deterministic, so every machine
 * that compiles the same spec gets the same plan and parameter hash.
 *
 * @param backend backend name (e.g. {@code "openfhe"})
 * @param mode activation mode
 * @param reluDepth polynomial ReLU depth (non-interactive mode)
 * @param height image height the network runs at
 * @param width image width the network runs at
 * @param checkpoint path of the Mosaic checkpoint, the same on every machine
 * @param insecure whether to use the {@link Security#INSECURE_TEST_ONLY} parameters (needs
 *                 {@code -Dhestyle.allowInsecure=true} in every JVM)
 */
public record ModelSpec(String backend, Mode mode, int reluDepth, int height, int width, String checkpoint, boolean insecure)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ModelSpec {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(checkpoint, "checkpoint");
        new ImageSize(height, width);
    }

    /** The security level this spec compiles at. */
    public Security security() {
        return insecure ? Security.INSECURE_TEST_ONLY : Security.BITS_128;
    }

    /**
     * Loads the checkpoint and compiles it; the caller closes the result.
     *
     * @throws IllegalStateException if insecure parameters are asked for but this JVM does not allow them
     */
    public StyleTransfer compile() {
        Security security = security();
        security.checkAllowed();
        MosaicModel model = MosaicModel.load(Path.of(checkpoint)).withSize(new ImageSize(height, width));
        CompileOptions options = CompileOptions.defaults().withMode(mode).withReluDepth(reluDepth).withSecurity(security);
        return StyleTransfer.create(model, backend, options);
    }
}
