package dev.hestyle.backend.openfhe.jni;

import dev.hestyle.api.HestyleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the glue library once, on first use: the file named by
 * {@value OpenFheInstallation#LIBRARY_PROPERTY} if set, otherwise the copy packaged in the jar,
 * extracted to a private temporary directory next to links to OpenFHE's libraries (the glue finds them
 * through its {@code $ORIGIN} run path) and deleted once mapped.
 */
public final class NativeLoader {
    private static final Logger log = LoggerFactory.getLogger(NativeLoader.class);
    private static final Object LOCK = new Object();
    private static volatile boolean loaded;
    private static HestyleException failure;

    private NativeLoader() {
    }

    /**
     * Loads the native code if not done yet.
     *
     * @throws HestyleException with what to install if it cannot be loaded (the same on every call)
     */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (LOCK) {
            if (loaded) {
                return;
            }
            if (failure != null) {
                throw failure;
            }
            OpenFheInstallation installation = OpenFheInstallation.current();
            try {
                loadFrom(installation);
                loaded = true;
            } catch (HestyleException e) {
                failure = e;
                throw failure;
            } catch (IOException | LinkageError e) {
                failure = new HestyleException("cannot load the OpenFHE backend's native library (" + e.getMessage() + "); "
                        + installation.problem().orElse(installation.installHint()), e);
                throw failure;
            }
        }
    }

    private static void loadFrom(OpenFheInstallation installation) throws IOException {
        String override = System.getProperty(OpenFheInstallation.LIBRARY_PROPERTY, "");
        if (!override.isBlank()) {
            System.load(Path.of(override).toAbsolutePath().toString());
            log.debug("loaded {}", override);
            return;
        }
        Optional<String> problem = installation.problem();
        if (problem.isPresent()) {
            throw new HestyleException(problem.get());
        }
        Path directory = Files.createTempDirectory("hestyle-openfhe-");
        List<Path> created = new ArrayList<>();
        try {
            Path glue = directory.resolve(Path.of(installation.glueResource()).getFileName().toString());
            try (InputStream in = NativeLoader.class.getClassLoader().getResourceAsStream(installation.glueResource())) {
                if (in == null) {
                    throw new IOException("resource " + installation.glueResource() + " vanished");
                }
                Files.copy(in, glue, StandardCopyOption.REPLACE_EXISTING);
            }
            created.add(glue);
            Optional<Path> openfhe = installation.libraryDirectory();
            if (openfhe.isPresent()) {
                created.addAll(linkLibraries(openfhe.get(), directory));
            }
            System.load(glue.toString());
            log.debug("loaded the OpenFHE glue with OpenFHE from {}", openfhe.orElse(null));
        } finally {
            // Mapped libraries stay usable after their files are deleted.
            for (Path path : created) {
                Files.deleteIfExists(path);
            }
            Files.deleteIfExists(directory);
        }
    }

    private static List<Path> linkLibraries(Path libraryDirectory, Path target) throws IOException {
        List<Path> links = new ArrayList<>();
        try (DirectoryStream<Path> libraries = Files.newDirectoryStream(libraryDirectory, "lib{openfhe,OPENFHE}*.so*")) {
            for (Path library : libraries) {
                links.add(Files.createSymbolicLink(target.resolve(library.getFileName()), library.toAbsolutePath()));
            }
        }
        return links;
    }
}
