package dev.hestyle.fuzz;

import java.util.Arrays;
import java.util.Optional;

/**
 * Findings in decoders that other parts of the project own and are fixing. A matching failure is logged as a
 * warning naming the finding instead of failing the build, and the fuzzer moves on to other inputs. Each entry
 * matches one exception type thrown from one method, so any other failure still fails. Remove an entry once its
 * decoder is fixed.
 */
enum KnownFinding {
    /** Empty or very short input: commons-imaging throws before {@code ImageFiles.decode} can classify the format. */
    IMAGE_FORMAT_GUESS(IllegalArgumentException.class, "org.apache.commons.imaging.Imaging", "guessFormat",
            "ImageFiles.decode lets IllegalArgumentException from Imaging.guessFormat escape (input shorter than a magic number)");

    private final Class<? extends Throwable> type;
    private final String originClass;
    private final String originMethod;
    private final String description;

    KnownFinding(Class<? extends Throwable> type, String originClass, String originMethod, String description) {
        this.type = type;
        this.originClass = originClass;
        this.originMethod = originMethod;
        this.description = description;
    }

    String description() {
        return description;
    }

    /** The known finding {@code t} is, judged by its type and the frame that threw it. */
    static Optional<KnownFinding> of(Throwable t) {
        return Arrays.stream(values()).filter(k -> k.matches(t)).findFirst();
    }

    private boolean matches(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return type.isInstance(t) && trace.length > 0 && trace[0].getClassName().equals(originClass)
                && trace[0].getMethodName().equals(originMethod);
    }
}
