package dev.hestyle.backend.openfhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.RgbImage;
import dev.hestyle.api.StyleResult;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.backend.clear.ClearInterpreter;
import dev.hestyle.conformance.ReferenceData;
import dev.hestyle.mosaic.ImageSize;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.image.ImageMetrics;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Security;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Four images in one ciphertext, on OpenFHE itself: the full Mosaic network at 16x16 (2048 slots per image) runs
 * non-interactively on 8192-slot ciphertexts, bootstraps included, and every image must come out as it does from the
 * clear network. Insecure test parameters keep it to a few minutes.
 */
@RequiresOpenFhe
class OpenFheBatchNonInteractiveTest {
    private static final Logger log = LoggerFactory.getLogger(OpenFheBatchNonInteractiveTest.class);
    private static final int BATCH = 4;
    /** Depth-4 ReLUs give about 37 dB at 32x32 on the simulator; small images have more border, so a margin. */
    private static final double MIN_PSNR = 28;

    @Test
    void fourImagesInOneCiphertextEachMatchTheClearNetwork() {
        MosaicModel model = MosaicModel.load(ReferenceData.checkpoint()).withSize(new ImageSize(16, 16));
        CompileOptions options = CompileOptions.defaults().withMode(Mode.NON_INTERACTIVE).withSecurity(Security.INSECURE_TEST_ONLY)
                .withReluDepth(4).withCalibration(model.calibrationInputs()).withBatch(BATCH);
        List<RgbImage> images = new ArrayList<>();
        for (String id : ReferenceData.IMAGE_IDS.subList(0, BATCH)) {
            images.add(ImageFiles.read(ReferenceData.input(id)));
        }
        try (StyleTransfer st = StyleTransfer.create(model, new OpenFheBackendProvider().create(), options)) {
            assertEquals(BATCH, st.compiled().batch());
            assertEquals(BATCH, st.compiled().plan().details().get("images_per_ciphertext"));
            List<StyleResult> results = st.encryptRunBatch(images);
            assertEquals(BATCH, results.size());
            assertTrue(results.get(0).ops().bootstraps() > 0, "the plan bootstraps: " + results.get(0).ops());
            for (int i = 0; i < BATCH; i++) {
                RgbImage clear = model.postprocess(ClearInterpreter.run(model.graph(), model.preprocess(images.get(i))));
                double psnr = ImageMetrics.psnr(clear, results.get(i).image());
                log.info("image {} of the batch: {} dB against the clear network", i, String.format("%.2f", psnr));
                assertTrue(psnr >= MIN_PSNR, "image " + i + " of a batch of " + BATCH + ": PSNR " + psnr + " dB against the clear network");
            }
        }
    }
}
