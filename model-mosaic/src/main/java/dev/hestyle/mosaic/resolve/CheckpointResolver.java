package dev.hestyle.mosaic.resolve;

import dev.hestyle.mosaic.checkpoint.CheckpointException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates the Mosaic checkpoint, in this order:
 * <ol>
 *   <li>an explicit path (e.g. a {@code --checkpoint} option), which must exist;</li>
 *   <li>the environment variable {@value #ENV_VAR}, which must name an existing file;</li>
 *   <li>{@value #FILE_NAME} in the user cache ({@code $XDG_CACHE_HOME/hestyle}, else {@code ~/.cache/hestyle}),
 *       if its SHA-256 is the published one;</li>
 *   <li>a download from the authors' repository ({@link #DEFAULT_URL}, overridable with the system property
 *       {@value #URL_PROPERTY}) into the cache, accepted only with the published SHA-256.</li>
 * </ol>
 * Explicit and environment paths are trusted as given (they may name other checkpoints of the architecture);
 * only the downloaded or cached file is checked against {@link #PUBLISHED_SHA256}.
 */
public final class CheckpointResolver {
    /** Environment variable naming a checkpoint file. */
    public static final String ENV_VAR = "HESTYLE_MOSAIC_CHECKPOINT";
    /** System property overriding the download URL (full URL of the file). */
    public static final String URL_PROPERTY = "hestyle.checkpoint.url";
    /** Where the authors publish the checkpoint. */
    public static final String DEFAULT_URL =
            "https://github.com/pandasamanvaya/Private-Style-Transfer/raw/main/checkpoints/Mosaic-last_checkpoint.pth";
    /** File name of the checkpoint in the cache. */
    public static final String FILE_NAME = "Mosaic-last_checkpoint.pth";
    /** SHA-256 of the published Mosaic checkpoint (460,820 bytes). */
    public static final String PUBLISHED_SHA256 = "23c7f33ce4d04106eb6c0cd07f19049df647fd0deb05df7674af08207a16b9cc";

    private static final Logger log = LoggerFactory.getLogger(CheckpointResolver.class);

    private final Map<String, String> environment;
    private final Path cacheDir;
    private final URI downloadUrl;

    /** Uses the process environment, the default cache folder and the default (or overridden) download URL. */
    public CheckpointResolver() {
        this(System.getenv(), defaultCacheDir(System.getenv(), System.getProperty("user.home")),
                URI.create(System.getProperty(URL_PROPERTY, DEFAULT_URL)));
    }

    /**
     * @param environment the variables to consult for {@value #ENV_VAR}
     * @param cacheDir the folder holding the cached checkpoint
     * @param downloadUrl where to fetch the checkpoint when it is not cached
     */
    public CheckpointResolver(Map<String, String> environment, Path cacheDir, URI downloadUrl) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.downloadUrl = Objects.requireNonNull(downloadUrl, "downloadUrl");
    }

    /** {@code $XDG_CACHE_HOME/hestyle} if that variable is set to an absolute path, else {@code <home>/.cache/hestyle}. */
    public static Path defaultCacheDir(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "hestyle");
        }
        return Path.of(userHome, ".cache", "hestyle");
    }

    /** The folder the downloaded checkpoint is kept in. */
    public Path cacheDir() {
        return cacheDir;
    }

    /** Where the checkpoint is downloaded from when it is not cached. */
    public URI downloadUrl() {
        return downloadUrl;
    }

    /** Where a downloaded checkpoint is kept. */
    public Path cachedFile() {
        return cacheDir.resolve(FILE_NAME);
    }

    /**
     * The checkpoint to use, downloading it into the cache if nothing else provides it.
     *
     * @param explicit a path given by the user, or {@code null}
     * @throws CheckpointException if an explicit or environment path does not exist, or the download fails or
     *     does not match the published digest
     */
    public Path resolve(Path explicit) {
        Optional<Path> local = resolveLocal(explicit);
        if (local.isPresent()) {
            return local.get();
        }
        log.info("downloading the Mosaic checkpoint from {} into {}", downloadUrl, cacheDir);
        new Downloader().download(downloadUrl, cachedFile(), PUBLISHED_SHA256);
        return cachedFile();
    }

    /** {@link #resolve(Path)} without an explicit path. */
    public Path resolve() {
        return resolve(null);
    }

    /**
     * The checkpoint if it is available without the network: explicit path, environment variable, or a cached
     * file with the published digest. Empty when a download would be needed.
     */
    public Optional<Path> resolveLocal(Path explicit) {
        if (explicit != null) {
            return Optional.of(existing(explicit, "checkpoint file"));
        }
        String env = environment.get(ENV_VAR);
        if (env != null && !env.isBlank()) {
            return Optional.of(existing(Path.of(env), ENV_VAR + " names a checkpoint file that"));
        }
        Path cached = cachedFile();
        if (Files.isRegularFile(cached)) {
            if (hasPublishedDigest(cached)) {
                return Optional.of(cached);
            }
            log.warn("cached checkpoint {} does not have the published SHA-256; it will be downloaded again", cached);
        }
        return Optional.empty();
    }

    private static boolean hasPublishedDigest(Path file) {
        try {
            return Sha256.of(file).equals(PUBLISHED_SHA256);
        } catch (IOException e) {
            log.warn("cannot read cached checkpoint {}: {}", file, e.toString());
            return false;
        }
    }

    private static Path existing(Path p, String what) {
        if (!Files.isRegularFile(p)) {
            throw new CheckpointException(what + " does not exist: " + p);
        }
        return p;
    }
}
