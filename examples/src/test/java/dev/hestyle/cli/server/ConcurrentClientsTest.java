package dev.hestyle.cli.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Eight clients at once against one server with fewer workers than clients, each with its own key set
 * and image, in client-aided mode (so the sessions interleave their round trips): every client gets
 * exactly the result of the one-process path for its image.
 */
class ConcurrentClientsTest {
    private static final int CLIENTS = 8;

    @Test
    void eightConcurrentClientsAllGetTheirOwnCorrectResult() throws Exception {
        List<Path> images;
        try (Stream<Path> files = Files.list(InProcessServer.shared().resolve("reference"))) {
            images = files.filter(p -> p.getFileName().toString().endsWith(".input.png")).sorted().toList();
        }
        assertEquals(CLIENTS, images.size());
        try (InProcessServer server = new InProcessServer(Mode.CLIENT_AIDED, 3, CLIENTS, 1 << 20, 1 << 20);
             StyleTransfer clientSide = InProcessServer.compile(Mode.CLIENT_AIDED)) {
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> expected = new ArrayList<>();
            for (Path image : images) {
                Tensor in = clientSide.model().preprocess(ImageFiles.read(image));
                inputs.add(in);
                expected.add(oneProcess(clientSide, in));
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<Tensor>> results = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    Tensor in = inputs.get(i);
                    results.add(pool.submit(() -> remote(server, clientSide, in)));
                }
                for (int i = 0; i < CLIENTS; i++) {
                    assertArrayEquals(expected.get(i).data(), results.get(i).get().data(), images.get(i).getFileName() + ": remote result");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** What the one-process path decrypts for {@code in} (a fresh key set, as {@code stylize} uses). */
    private static Tensor oneProcess(StyleTransfer st, Tensor in) {
        try (Client c = st.compiled().newClient();
             var server = st.compiled().newServer(c.evaluationKeys())) {
            return c.decrypt(server.run(c.encrypt(in), c, ProgressListener.NONE).output());
        }
    }

    private static Tensor remote(InProcessServer server, StyleTransfer clientSide, Tensor in) {
        try (Client c = clientSide.compiled().newClient()) {
            return server.remote(clientSide, c, in);
        }
    }
}
