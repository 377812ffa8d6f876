package dev.hestyle.backend.clear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hestyle.api.WireFormatException;
import dev.hestyle.api.WireFormatException.Reason;
import dev.hestyle.graph.Sequential;
import dev.hestyle.spi.Backend;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.CompileOptions;
import dev.hestyle.spi.CompiledModel;
import dev.hestyle.tensor.Shape;
import dev.hestyle.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A client written with {@code writeSecretKey} and read back decrypts what the original encrypted; servers' readers refuse the file. */
class SecretKeyRoundTripTest {
    private static final Shape INPUT = new Shape(3, 32, 32);

    @Test
    void restoredClientKeepsItsKeySetAndIsRefusedAsEvaluationKeys() throws Exception {
        Random r = new Random(7);
        Sequential graph = ClearBackendTest.mosaicShaped(r);
        try (Backend backend = new ClearBackend(); CompiledModel model = backend.compile(graph, INPUT, CompileOptions.defaults());
             Client client = model.newClient()) {
            ByteArrayOutputStream secret = new ByteArrayOutputStream();
            client.writeSecretKey(secret);
            Tensor input = Tensor.of(INPUT, RandomBlocks.gaussian(r, INPUT.size(), 1));
            byte[] ct = client.encrypt(input).toBytes();
            try (Client restored = model.readClient(new ByteArrayInputStream(secret.toByteArray()))) {
                assertEquals(client.evaluationKeys().keyId(), restored.evaluationKeys().keyId());
                assertArrayEquals(input.data(), restored.decrypt(model.readCiphertext(new ByteArrayInputStream(ct))).data());
            }
            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> model.readEvaluationKeys(new ByteArrayInputStream(secret.toByteArray())));
            assertEquals(Reason.SECRET_MATERIAL, e.reason());
            ByteArrayOutputStream keys = new ByteArrayOutputStream();
            client.evaluationKeys().writeTo(keys);
            assertEquals(Reason.WRONG_KIND, assertThrows(WireFormatException.class,
                    () -> model.readClient(new ByteArrayInputStream(keys.toByteArray()))).reason());
        }
    }
}
