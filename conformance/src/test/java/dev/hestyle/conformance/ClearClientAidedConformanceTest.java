package dev.hestyle.conformance;

import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.Mode;

/** The clear backend in client-aided mode: every ReLU is a round trip to the client, results unchanged. */
class ClearClientAidedConformanceTest extends ClearConformanceTest {

    @Override
    protected CompileOptions options() {
        return super.options().withMode(Mode.CLIENT_AIDED);
    }
}
