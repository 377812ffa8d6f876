package dev.hestyle.fuzz;

import dev.hestyle.backend.openfhe.OpenFheBackendProvider;
import dev.hestyle.backend.simulated.SimulatedBackendProvider;
import dev.hestyle.spi.CompiledModel;

/** The {@link SmallModel} compiled once per JVM on each backend, on first use. */
final class Models {
    private Models() {
    }

    static CompiledModel simulated() {
        return Simulated.MODEL;
    }

    /** Loads the OpenFHE native library on first use; guard callers with {@link RequiresOpenFhe}. */
    static CompiledModel openFhe() {
        return OpenFhe.MODEL;
    }

    private static final class Simulated {
        static final CompiledModel MODEL = SmallModel.compile(new SimulatedBackendProvider());
    }

    private static final class OpenFhe {
        static final CompiledModel MODEL = SmallModel.compile(new OpenFheBackendProvider());
    }
}
