package dev.hestyle.backend.openfhe;

import dev.hestyle.conformance.BackendConformanceKit;
import dev.hestyle.spi.BackendProvider;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;
import java.util.List;

/**
 * The shared conformance checks on OpenFHE in client-aided mode with the fast insecure test parameters.
 * End to end runs two reference images (about 15 s each here); {@code -Dhestyle.openfhe.allImages=true}
 * runs all of them. Of the large images, one 64x64.
 */
@RequiresOpenFhe
class OpenFheClientAidedConformanceTest extends BackendConformanceKit {

    @Override
    protected BackendProvider provider() {
        return new OpenFheBackendProvider();
    }

    @Override
    protected CompileOptions options() {
        return super.options().withMode(Mode.CLIENT_AIDED);
    }

    @Override
    protected List<String> endToEndImages() {
        List<String> all = super.endToEndImages();
        return Boolean.getBoolean("hestyle.openfhe.allImages") ? all : all.subList(0, Math.min(2, all.size()));
    }

    @Override
    protected List<String> largeImages() {
        return List.of("chelsea-64x64");
    }
}
