package dev.hestyle.fuzz;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompiledModel;
import java.io.ByteArrayInputStream;

/**
 * Feeds fuzzed bytes to a compiled model's artifact readers, twice: as they are (the envelope's checks) and
 * {@linkplain ArtifactBytes#resealed resealed} (the body decoders behind the checksums). Refusal must be a
 * {@link WireFormatException}.
 */
final class ArtifactDecoding {
    private ArtifactDecoding() {
    }

    static void ciphertext(CompiledModel model, byte[] bytes) {
        for (byte[] b : both(bytes)) {
            Refusals.onlyAs(WireFormatException.class, () -> {
                try (Ciphertext c = model.readCiphertext(new ByteArrayInputStream(b))) {
                    c.shape();
                }
            });
        }
    }

    static void evaluationKeys(CompiledModel model, byte[] bytes) {
        for (byte[] b : both(bytes)) {
            Refusals.onlyAs(WireFormatException.class, () -> model.readEvaluationKeys(new ByteArrayInputStream(b)).keyId());
        }
    }

    static void secretKey(CompiledModel model, byte[] bytes) {
        for (byte[] b : both(bytes)) {
            Refusals.onlyAs(WireFormatException.class, () -> {
                try (Client c = model.readClient(new ByteArrayInputStream(b))) {
                    c.evaluationKeys().keyId();
                }
            });
        }
    }

    private static byte[][] both(byte[] bytes) {
        return new byte[][] {bytes, ArtifactBytes.resealed(bytes)};
    }
}
