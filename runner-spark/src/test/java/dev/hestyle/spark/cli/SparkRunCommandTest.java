package dev.hestyle.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.StyleTransfer;
import dev.hestyle.conformance.ReferenceData;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.spark.ModelSpec;
import dev.hestyle.spi.Ciphertext;
import dev.hestyle.spi.ClientAssist;
import dev.hestyle.spi.Client;
import dev.hestyle.spi.Evaluation;
import dev.hestyle.spi.Mode;
import dev.hestyle.spi.ProgressListener;
import dev.hestyle.spi.Server;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spark-run} as the command line runs it: one encrypted image on {@code local[2]}, and its usage errors. */
class SparkRunCommandTest {

    @Test
    void oneImageOnLocalTwoWritesTheLocalExecutorsCiphertextAndReportsProgress(@TempDir Path dir) throws Exception {
        ModelSpec spec = new ModelSpec("simulated", Mode.NON_INTERACTIVE, 5, 32, 32, ReferenceData.checkpoint().toString(), false);
        Path keys = dir.resolve("eval.keys");
        Path in = dir.resolve("in.ct");
        Path out = dir.resolve("out.ct");
        byte[] expected;
        try (StyleTransfer st = spec.compile(); Client client = st.compiled().newClient()) {
            try (OutputStream o = Files.newOutputStream(keys)) {
                client.evaluationKeys().writeTo(o);
            }
            try (Ciphertext ct = client.encrypt(st.model().preprocess(ImageFiles.read(ReferenceData.input("632"))));
                 Server server = st.compiled().newServer(client.evaluationKeys())) {
                Files.write(in, ct.toBytes());
                Evaluation e = server.run(ct, ClientAssist.NONE, ProgressListener.NONE);
                try (Ciphertext r = e.output()) {
                    expected = r.toBytes();
                }
            }
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = SparkRunCommand.execute(new PrintWriter(o), new PrintWriter(e), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--backend", "simulated", "--size", "32", "--checkpoint", spec.checkpoint(), "--eval-keys", keys.toString(),
                "--input", in.toString(), "--output", out.toString());
        assertEquals(0, code, o + "\n" + e);
        assertArrayEquals(expected, Files.readAllBytes(out));
        assertTrue(o.toString().contains("phases") && o.toString().contains("wrote " + out), o.toString());
        assertTrue(e.toString().contains("eval: "), "progress lines on standard error: " + e);
    }

    @Test
    void aSizeThatIsNotHxWIsAUsageError() {
        StringWriter e = new StringWriter();
        int code = SparkRunCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(e), "--eval-keys", "k", "--input", "i",
                "--output", "o", "--size", "big");
        assertEquals(2, code, e.toString());
        assertTrue(e.toString().contains("--size takes HxW or N"), e.toString());
    }

    @Test
    void withoutAnInputTheUsageIsShown() {
        StringWriter e = new StringWriter();
        int code = SparkRunCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(e), "--eval-keys", "k", "--output", "o");
        assertEquals(2, code, e.toString());
        assertTrue(e.toString().contains("--input"), e.toString());
    }
}
