package dev.hestyle.backend.openfhe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleResult;
import dev.hestyle.api.StyleTransfer;
import dev.hestyle.conformance.ReferenceData;
import dev.hestyle.mosaic.MosaicModel;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.image.ImageMetrics;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.Security;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one end-to-end run at real security in the unit tests: the full Mosaic network, client-aided, with
 * parameters OpenFHE itself certifies at 128 bits (the kit's checks use the fast insecure ones). About
 * ten seconds per image on two cores.
 */
@RequiresOpenFhe
class OpenFheSecureClientAidedTest {

    @Test
    void fullNetworkAt128BitsReproducesTheReference() {
        MosaicModel model = MosaicModel.load(ReferenceData.checkpoint());
        CompileOptions options = CompileOptions.defaults().withMode(Mode.CLIENT_AIDED).withSecurity(Security.BITS_128);
        try (StyleTransfer st = StyleTransfer.create(model, new OpenFheBackendProvider().create(), options)) {
            assertEquals(128, st.compiled().plan().securityBits());
            assertEquals(14, Integer.numberOfTrailingZeros(st.compiled().plan().ringDimension()), "client-aided segments fit N=2^14");
            for (String id : List.of("632", "10")) {
                StyleResult r = st.encryptRun(ImageFiles.read(ReferenceData.input(id)));
                double psnr = ImageMetrics.psnr(ImageFiles.read(ReferenceData.output(id)), r.image());
                assertTrue(psnr >= 45, "image " + id + ": PSNR " + psnr + " dB at 128 bits, client-aided");
                assertEquals(10, r.plan().clientRoundTrips());
                assertEquals(0, r.ops().bootstraps());
            }
        }
    }
}
