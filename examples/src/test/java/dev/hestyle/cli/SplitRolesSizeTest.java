package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.image.ImageFiles;
import dev.hestyle.mosaic.image.ImageMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keygen}, {@code encrypt} and {@code decrypt} compile the model at {@code --size}: the same size
 * round-trips an image, another size is refused by the parameter hash.
 */
class SplitRolesSizeTest {
    @TempDir
    Path tmp;

    @Test
    void everyRoleCompilesAtTheGivenSize() {
        Path secret = tmp.resolve("k.secret");
        Path keys = tmp.resolve("k.evalkeys");
        Path ct = tmp.resolve("in.ct");
        Path back = tmp.resolve("back.png");
        Path input = SharedData.referenceLarge().resolve("rocket-96x128.input.png");
        String checkpoint = SharedData.checkpoint().toString();

        CliRun keygen = CliRun.of("keygen", "--backend", "clear", "--size", "96x128", "--secret-key", secret.toString(),
                "--eval-keys", keys.toString(), "--checkpoint", checkpoint);
        assertEquals(Main.EXIT_OK, keygen.code(), keygen::toString);
        CliRun encrypt = CliRun.of("encrypt", "--backend", "clear", "--size", "96x128", "--secret-key", secret.toString(),
                "--input", input.toString(), "--output", ct.toString(), "--checkpoint", checkpoint);
        assertEquals(Main.EXIT_OK, encrypt.code(), encrypt::toString);

        // Decrypting the encrypted input itself gives the input back, at its own size.
        CliRun decrypt = CliRun.of("decrypt", "--backend", "clear", "--size", "96x128", "--secret-key", secret.toString(),
                "--input", ct.toString(), "--output", back.toString(), "--checkpoint", checkpoint);
        assertEquals(Main.EXIT_OK, decrypt.code(), decrypt::toString);
        RgbImage original = ImageFiles.read(input);
        RgbImage roundTrip = ImageFiles.read(back);
        assertEquals(ImageMetrics.IDENTICAL_PSNR, ImageMetrics.psnr(original, roundTrip), "96x128 input through encrypt and decrypt");

        // --size 128 reads as 128x128 without an image: another plan, so the key set is refused.
        CliRun square = CliRun.of("decrypt", "--backend", "clear", "--size", "128", "--secret-key", secret.toString(),
                "--input", ct.toString(), "--output", back.toString(), "--checkpoint", checkpoint);
        assertEquals(Main.EXIT_ERROR, square.code(), square::toString);
        assertTrue(square.err().contains("another model") || square.err().contains("other parameters"), square::toString);
    }
}
