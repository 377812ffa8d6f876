package dev.hestyle.backend.openfhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleResult;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.conformance.ReferenceData;
import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.image.ImageMetrics;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Security;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The full Mosaic network, non-interactive, on a 64x64 image: its tensors span up to four ciphertexts, so
 * every linear layer is a block matrix and every bootstrap runs once per ciphertext, on OpenFHE itself.
 * Insecure test parameters with the production bootstrapping settings keep it to a few minutes.
 */
@RequiresOpenFhe
class OpenFheLargeImageNonInteractiveTest {
    private static final String IMAGE = "chelsea-64x64";
    /** The simulator predicts 36.4 dB for this image at the production parameters. */
    private static final double MIN_PSNR = 33;

    @Test
    void sixtyFourPixelImageSpreadOverSeveralCiphertextsMatchesTheReference() {
        MosaicModel model = MosaicModel.load(ReferenceData.checkpoint()).withSize(new ImageSize(64, 64));
        CompileOptions options = CompileOptions.defaults().withMode(Mode.NON_INTERACTIVE).withSecurity(Security.INSECURE_TEST_ONLY);
        try (StyleTransfer st = StyleTransfer.create(model, new OpenFheBackendProvider().create(), options)) {
            @SuppressWarnings("unchecked")
            Map<String, Integer> perTensor = (Map<String, Integer>) st.compiled().plan().details().get("ciphertexts_per_tensor");
            assertEquals(4, perTensor.get("8x64x64"), "an 8x64x64 tensor spans four ciphertexts of 8192 slots: " + perTensor);
            StyleResult r = st.encryptRun(ImageFiles.read(ReferenceData.largeInput(IMAGE)));
            double psnr = ImageMetrics.psnr(ImageFiles.read(ReferenceData.largeOutput(IMAGE)), r.image());
            assertTrue(psnr >= MIN_PSNR, IMAGE + ": PSNR " + psnr + " dB, non-interactive over several ciphertexts");
            assertEquals(0, r.plan().clientRoundTrips());
            assertTrue(r.ops().bootstraps() > 4, "one bootstrap per ciphertext at each refresh point: " + r.ops());
        }
    }
}
