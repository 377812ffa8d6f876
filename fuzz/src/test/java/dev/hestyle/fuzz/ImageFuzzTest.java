package dev.hestyle.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.image.ImageFileException;
import dev.hestyle.mosaic.image.ImageFiles;

/** PNG and JPEG decoding as the tool reads user images; refusal must be an {@link ImageFileException}. */
class ImageFuzzTest {
    @FuzzTest
    void decode(byte[] bytes) {
        Refusals.onlyAs(ImageFileException.class, () -> {
            RgbImage image = ImageFiles.decode(bytes, "fuzzed image");
            assertEquals((long) image.width() * image.height(), image.pixels().length, "pixel count of a decoded image");
        });
    }
}
