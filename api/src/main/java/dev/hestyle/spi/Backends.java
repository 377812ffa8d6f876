package dev.hestyle.spi;

import dev.hestyle.api.BackendNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds backends on the class path and chooses one. An explicit choice wins (argument, then system
 * property {@value #PROPERTY}, then environment variable {@value #ENV}); otherwise the available
 * encrypting provider of highest priority. There is no fallback to computing in the clear: with no
 * encrypting backend available, selection fails and says what to add.
 */
public final class Backends {
    public static final String PROPERTY = "hestyle.backend";
    public static final String ENV = "HESTYLE_BACKEND";
    /** The value that asks for automatic selection explicitly. */
    public static final String AUTO = "auto";

    private static final Logger log = LoggerFactory.getLogger(Backends.class);
    private static final String MODULES_HINT = "add a backend module to the class path (backend-openfhe, artifact "
            + "dev.hestyle:hestyle-backend-openfhe; for development backend-simulated or backend-clear)";
    /** Gives up on a class path whose registrations keep failing, so a pathological loader cannot spin forever. */
    private static final int MAX_BROKEN_PROVIDERS = 1000;

    private Backends() {
    }

    /**
     * All providers registered on the class path of {@code loader}, highest priority first. A registration
     * that cannot be loaded (a missing or wrong class, a failing constructor, an unreadable services file) is
     * logged as a warning naming it and skipped: one broken jar must not hide the backends that work.
     */
    public static List<BackendProvider> providers(ClassLoader loader) {
        List<BackendProvider> list = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, loader).iterator();
        int broken = 0;
        while (broken < MAX_BROKEN_PROVIDERS) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                list.add(it.next());
            } catch (ServiceConfigurationError e) {
                // The loader has consumed the failing entry, so the next call moves on to the following one.
                broken++;
                log.warn("skipping a backend provider that cannot be loaded: {}", whatFailed(e));
                log.debug("the provider's loading error", e);
            }
        }
        list.sort(Comparator.comparingInt(BackendProvider::priority).reversed().thenComparing(BackendProvider::name));
        return list;
    }

    /** All providers visible to this class's loader. */
    public static List<BackendProvider> providers() {
        return providers(Backends.class.getClassLoader());
    }

    /** The provider chosen by {@code explicit}, or by the property, environment, or priority. */
    public static BackendProvider select(String explicit) {
        return select(explicit, providers());
    }

    /** As {@link #select(String)} but among {@code candidates}. */
    public static BackendProvider select(String explicit, List<BackendProvider> candidates) {
        String requested = firstNonBlank(explicit, System.getProperty(PROPERTY), System.getenv(ENV));
        if (requested != null && !requested.equalsIgnoreCase(AUTO)) {
            String name = requested.trim().toLowerCase(Locale.ROOT);
            for (BackendProvider p : candidates) {
                if (p.name().equals(name)) {
                    Availability a = p.availability();
                    if (!a.available()) {
                        throw new BackendNotFoundException("backend '" + name + "' is on the class path but unavailable: "
                                + a.reason() + "\n" + describe(candidates));
                    }
                    log.info("using backend '{}' (explicitly requested)", name);
                    return p;
                }
            }
            throw new BackendNotFoundException("unknown backend '" + name + "'.\n" + describe(candidates) + "\nTo get it, " + MODULES_HINT + ".");
        }
        for (BackendProvider p : candidates) {
            if (p.encrypts() && p.availability().available()) {
                log.info("using backend '{}' (highest-priority available encrypting backend)", p.name());
                return p;
            }
        }
        throw new BackendNotFoundException("no encrypting backend is available, and hestyle never falls back to computing in the clear.\n"
                + describe(candidates) + "\nEither " + MODULES_HINT + " and its native library, or name a backend explicitly (argument, -D"
                + PROPERTY + "=NAME or " + ENV + "=NAME).");
    }

    /** A human-readable list of the providers found and their state. */
    public static String describe(List<BackendProvider> candidates) {
        if (candidates.isEmpty()) {
            return "Backends found: none.";
        }
        StringBuilder sb = new StringBuilder("Backends found:");
        for (BackendProvider p : candidates) {
            Availability a = p.availability();
            sb.append("\n  ").append(p.name()).append(" (priority ").append(p.priority())
                    .append(p.encrypts() ? ", encrypting" : ", NOT encrypting").append("): ")
                    .append(a.available() ? "available" : "unavailable - " + a.reason());
        }
        return sb.toString();
    }

    /** The error's message (it names the provider class) and its cause, if any. */
    private static String whatFailed(ServiceConfigurationError e) {
        Throwable cause = e.getCause();
        return cause == null ? e.getMessage() : e.getMessage() + " (" + cause + ")";
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
