package dev.hestyle.cli;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.spi.ProgressListener;

/**
 * Compiles the model on this machine for the commands that play one role. Planning is deterministic, so
 * a client and a server given the same options compile the same plan and parameter hash; if they differ,
 * the hash in every artifact header says so.
 */
final class LocalModel {
    private LocalModel() {
    }

    static StyleTransfer compile(RunOptions run, BackendOption backend, ProgressListener progress) {
        return StyleTransfer.create(run.loadModel(), backend.backend, run.compileOptions(progress));
    }
}
