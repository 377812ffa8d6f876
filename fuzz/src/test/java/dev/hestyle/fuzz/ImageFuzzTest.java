package dev.hestyle.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hestyle.api.RgbImage;
import dev.hestyle.mosaic.image.ImageFileException;
import dev.hestyle.mosaic.image.ImageFiles;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** PNG and JPEG decoding as the tool reads user images; refusal must be an {@link ImageFileException}. */
class ImageFuzzTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** A chunk's length and type. */
    private static final int CHUNK_HEAD = 8;
    private static final int IHDR = 0x49484452;
    /** A chunk length beyond the file and above this could not be read; the decoder allocates it all the same. */
    private static final long MAX_CHUNK = 1L << 24;
    /** Far beyond any sensible input of a 32x32 network; well above it, the decoder's raster no longer fits the fork's heap. */
    private static final long MAX_PIXELS = 1L << 24;

    @FuzzTest
    void decode(byte[] bytes) {
        if (claimsHugePng(bytes)) {
            // The known finding, checked up front: once the JVM has thrown a few OutOfMemoryErrors it throws them
            // without a stack trace, and the finding could no longer be told from a new one.
            Refusals.report(KnownFinding.IMAGE_PNG_CLAIMED_SIZE, null);
            return;
        }
        Refusals.onlyAs(ImageFileException.class, () -> {
            RgbImage image = ImageFiles.decode(bytes, "fuzzed image");
            assertEquals((long) image.width() * image.height(), image.pixels().length, "pixel count of a decoded image");
        });
    }

    /**
     * A PNG whose header chunk claims more than {@link #MAX_PIXELS} pixels, or with a chunk claiming more than
     * {@link #MAX_CHUNK} bytes beyond the end of the file.
     */
    private static boolean claimsHugePng(byte[] b) {
        if (b.length < PNG_SIGNATURE.length || !Arrays.equals(b, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        for (int pos = PNG_SIGNATURE.length; pos + CHUNK_HEAD <= b.length; ) {
            long length = Integer.toUnsignedLong(buf.getInt(pos));
            if (length > MAX_CHUNK && length > b.length - pos) {
                return true;
            }
            boolean header = buf.getInt(pos + Integer.BYTES) == IHDR;
            if (header && pos + CHUNK_HEAD + 8 <= b.length && Integer.toUnsignedLong(buf.getInt(pos + CHUNK_HEAD))
                    * Integer.toUnsignedLong(buf.getInt(pos + CHUNK_HEAD + Integer.BYTES)) > MAX_PIXELS) {
                return true;
            }
            pos += CHUNK_HEAD + length + Integer.BYTES; // length and type, data, CRC
        }
        return false;
    }
}
