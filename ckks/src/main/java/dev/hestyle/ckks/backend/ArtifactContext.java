package dev.hestyle.ckks.backend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What every artifact of one compiled model is bound to: the engine name and one hash over the
 * engine's parameters and the plan, so that an artifact of other parameters or another plan is refused.
 *
 * @param backend the engine name written into headers
 * @param parameterHash hash of {@code CkksParameters.hash()} and {@code Program.hash()}
 */
record ArtifactContext(String backend, String parameterHash) {

    static ArtifactContext of(String backend, String parametersHash, String programHash) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((parametersHash + "/" + programHash).getBytes(StandardCharsets.UTF_8));
            return new ArtifactContext(backend, HexFormat.of().formatHex(md.digest(), 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
