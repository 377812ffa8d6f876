package dev.hestyle.fuzz;

import java.io.UTFDataFormatException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Findings in decoders that other parts of the project own and are fixing. A matching failure is logged as a
 * warning naming the finding instead of failing the build, and the fuzzer moves on to other inputs. Each entry
 * matches one exception type, coming through one method, out of one decoder class, so any other failure still
 * fails. Remove an entry once its decoder is fixed.
 */
enum KnownFinding {
    /** Empty or very short input: commons-imaging throws before {@code ImageFiles.decode} can classify the format. */
    IMAGE_FORMAT_GUESS(IllegalArgumentException.class, "org.apache.commons.imaging.Imaging", "guessFormat",
            "dev.hestyle.mosaic.image.ImageFiles",
            "ImageFiles.decode lets IllegalArgumentException from Imaging.guessFormat escape (input shorter than a magic number)"),
    /**
     * A tiny PNG whose header claims huge dimensions (100 x 16,731,908 pixels in 73 bytes) or whose chunk claims a
     * length far beyond the file (1 GB): commons-imaging allocates what is claimed before reading it.
     */
    IMAGE_PNG_CLAIMED_SIZE(OutOfMemoryError.class, "org.apache.commons.imaging.formats.png.PngImageParser", "getBufferedImage",
            "dev.hestyle.mosaic.image.ImageFiles",
            "ImageFiles.decode runs out of memory on a tiny PNG claiming huge dimensions or chunk lengths (no limit before decoding)"),
    /** A key id that is not modified UTF-8: {@code readUTF}'s IOException escapes instead of a {@code CORRUPT} refusal. */
    SIMULATED_CIPHERTEXT_KEY_ID(UTFDataFormatException.class, "java.io.DataInputStream", "readUTF",
            "dev.hestyle.backend.simulated.SimulatedCt",
            "SimulatedCt.read lets UTFDataFormatException escape for a malformed key id instead of WireFormatException"),
    /** The same in the key body (key id or parameter set name), for evaluation and secret keys alike. */
    SIMULATED_KEYS_STRING(UTFDataFormatException.class, "java.io.DataInputStream", "readUTF",
            "dev.hestyle.backend.simulated.SimulatedKeys",
            "SimulatedKeys.read lets UTFDataFormatException escape for a malformed key id or set name instead of WireFormatException"),
    /** The same in the OpenFHE secret key's description section. */
    OPENFHE_KEY_PAIR_DESCRIPTION(UTFDataFormatException.class, "java.io.DataInputStream", "readUTF",
            "dev.hestyle.backend.openfhe.OpenFheKeyPair",
            "OpenFheKeyPair.read lets UTFDataFormatException escape for a malformed description string instead of WireFormatException"),
    /** The same in the OpenFHE evaluation keys' description section. */
    OPENFHE_EVAL_KEYS_DESCRIPTION(UTFDataFormatException.class, "java.io.DataInputStream", "readUTF",
            "dev.hestyle.backend.openfhe.OpenFheEvalKeys$Description",
            "OpenFheEvalKeys.Description.parse lets UTFDataFormatException escape for a malformed string instead of WireFormatException");

    private final Class<? extends Throwable> type;
    private final String originClass;
    private final String originMethod;
    private final String decoder;
    private final String description;

    /**
     * @param originClass the class of a frame on the stack (with {@code originMethod}) that the failure comes through
     * @param decoder the project class whose frame is the first of the project's on the stack
     */
    KnownFinding(Class<? extends Throwable> type, String originClass, String originMethod, String decoder, String description) {
        this.type = type;
        this.originClass = originClass;
        this.originMethod = originMethod;
        this.decoder = decoder;
        this.description = description;
    }

    String description() {
        return description;
    }

    /** The known finding {@code t} is, judged by its type, a frame it came through and the decoder it came from. */
    static Optional<KnownFinding> of(Throwable t) {
        return Arrays.stream(values()).filter(k -> k.matches(t)).findFirst();
    }

    private boolean matches(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        if (!type.isInstance(t) || Arrays.stream(trace)
                .noneMatch(f -> f.getClassName().equals(originClass) && f.getMethodName().equals(originMethod))) {
            return false;
        }
        return Arrays.stream(trace).map(StackTraceElement::getClassName).filter(c -> c.startsWith("dev.hestyle.")).findFirst()
                .filter(decoder::equals).isPresent();
    }
}
