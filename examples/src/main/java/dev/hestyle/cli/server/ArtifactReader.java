package dev.hestyle.cli.server;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.wire.Header;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Parses ciphertexts from request bodies with the compiled model, which checks the header (format
 * version, kind, backend, parameter hash) and the body; also checks the key set the ciphertext names.
 */
final class ArtifactReader {
    private final CompiledModel model;

    ArtifactReader(CompiledModel model) {
        this.model = model;
    }

    /**
     * @param keyId the key id (as the key set's artifacts carry it) the ciphertext must belong to
     * @throws WireFormatException if the bytes are refused (reasons as in the wire format)
     */
    Ciphertext ciphertext(byte[] body, String keyId) throws IOException {
        Ciphertext ct = model.readCiphertext(new ByteArrayInputStream(body));
        // the model checked the header already; read it again only for the key id it names
        Header h = Header.read(new DataInputStream(new ByteArrayInputStream(body)));
        if (!h.keyId().equals(keyId)) {
            ct.close();
            throw new WireFormatException(WireFormatException.Reason.KEY_MISMATCH, "the ciphertext belongs to key set " + h.keyId()
                    + ", but the session uses key set " + keyId);
        }
        return ct;
    }
}
