package dev.hestyle.cli;

import picocli.CommandLine.Option;

/** The {@code --backend} option of the commands that split the roles; both sides must name the same backend. */
final class BackendOption {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend name, or 'auto' for the highest-priority available encrypting backend. "
                    + "Default: -Dhestyle.backend, else env HESTYLE_BACKEND, else auto. Client and server must use the same one.")
    String backend;
}
