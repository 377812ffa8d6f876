package dev.hestyle.backend.openfhe.jni;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the OpenFHE library and this backend's glue library are, found without loading either.
 *
 * <p>OpenFHE's prefix is, in order: the system property {@value #PREFIX_PROPERTY}, the environment
 * variable {@value #PREFIX_ENV}, the per-user cache filled by {@code scripts/provision-natives.sh}
 * ({@code $HESTYLE_CACHE_DIR}, else {@code $XDG_CACHE_HOME/hestyle}, else {@code ~/.cache/hestyle}), then
 * {@code /usr/local} and {@code /usr}. The glue is the system property {@value #LIBRARY_PROPERTY} if set,
 * else the copy packaged in this jar.
 */
public final class OpenFheInstallation {
    /** Path of a glue library to load instead of the packaged one. */
    public static final String LIBRARY_PROPERTY = "hestyle.openfhe.library";
    /** OpenFHE installation prefix (holding {@code lib/} and {@code include/openfhe/}). */
    public static final String PREFIX_PROPERTY = "hestyle.openfhe.prefix";
    /** Environment variable naming the OpenFHE prefix, as printed by the provisioning script. */
    public static final String PREFIX_ENV = "HESTYLE_OPENFHE_PREFIX";

    private static final String CONFIG = "openfhe-native.properties";
    private static final List<String> LIBRARY_NAMES = List.of("libopenfhe.so", "libOPENFHEpke.so");

    private final String gluePath;
    private final String platform;
    private final String packageName;
    private final String packageVersion;

    private OpenFheInstallation(Properties config) {
        this.gluePath = require(config, "library");
        this.platform = require(config, "platform");
        this.packageName = require(config, "package");
        this.packageVersion = require(config, "version");
    }

    /** Reads the build-time configuration packaged with these classes. */
    public static OpenFheInstallation current() {
        Properties config = new Properties();
        try (InputStream in = OpenFheInstallation.class.getResourceAsStream(CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(CONFIG + " is missing from the backend-openfhe jar");
            }
            config.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpenFheInstallation(config);
    }

    /** The registry package that provides OpenFHE, e.g. {@code heir_py==2026.6.1}. */
    public String packageSpec() {
        return packageName + "==" + packageVersion;
    }

    /** Resource path of the packaged glue library. */
    public String glueResource() {
        return gluePath;
    }

    /** What to do when OpenFHE is missing. */
    public String installHint() {
        return "run scripts/provision-natives.sh (installs " + packageSpec() + " from PyPI) and eval its output, or set "
                + PREFIX_ENV + " to an OpenFHE installation prefix";
    }

    /** Why the glue cannot be loaded here, without loading anything; empty when it should load. */
    public Optional<String> problem() {
        String override = System.getProperty(LIBRARY_PROPERTY, "");
        if (!override.isBlank()) {
            return Files.isRegularFile(Path.of(override)) ? Optional.empty()
                    : Optional.of(LIBRARY_PROPERTY + "=" + override + " does not name a file");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("the OpenFHE backend is built for " + platform + " only (this is " + os + "/" + arch + ")");
        }
        if (OpenFheInstallation.class.getClassLoader().getResource(gluePath) == null) {
            return Optional.of("this backend-openfhe jar was built without its native library (OpenFHE was not found at build time); "
                    + installHint() + ", then rebuild backend-openfhe");
        }
        if (libraryDirectory().isEmpty()) {
            return Optional.of("OpenFHE is not installed: " + installHint());
        }
        return Optional.empty();
    }

    /** The directory holding OpenFHE's shared library, if one is found. */
    public Optional<Path> libraryDirectory() {
        for (Path prefix : candidatePrefixes()) {
            Path lib = prefix.resolve("lib");
            for (String name : LIBRARY_NAMES) {
                if (Files.exists(lib.resolve(name))) {
                    return Optional.of(lib);
                }
            }
        }
        return Optional.empty();
    }

    private List<Path> candidatePrefixes() {
        List<Path> prefixes = new ArrayList<>();
        addIfSet(prefixes, System.getProperty(PREFIX_PROPERTY));
        addIfSet(prefixes, System.getenv(PREFIX_ENV));
        String cacheRoot = System.getenv("HESTYLE_CACHE_DIR");
        if (cacheRoot == null || cacheRoot.isBlank()) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            cacheRoot = base.resolve("hestyle").toString();
        }
        prefixes.add(Path.of(cacheRoot, "openfhe-" + packageName + "-" + packageVersion, "prefix"));
        prefixes.add(Path.of("/usr/local"));
        prefixes.add(Path.of("/usr"));
        return prefixes;
    }

    private static void addIfSet(List<Path> prefixes, String value) {
        if (value != null && !value.isBlank()) {
            prefixes.add(Path.of(value));
        }
    }

    private static String require(Properties config, String key) {
        String value = config.getProperty(key);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException(CONFIG + " lacks '" + key + "'");
        }
        return value;
    }
}
