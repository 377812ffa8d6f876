package dev.hestyle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The small parts behind the reports: memory, file names, units, PSNR. */
class SmallPartsTest {

    @Test
    void peakMemoryParsesProcStatus() {
        assertEquals(123456L * 1024, PeakMemory.parseKiloBytes("\t  123456 kB"));
        assertNull(PeakMemory.parseKiloBytes(" 12 MB"));
    }

    @Test
    void enlargedCopyKeepsTheExtensionLast() {
        assertEquals(Path.of("d/out-x8.png"), OutputFiles.withSuffix(Path.of("d/out.png"), "-x8"));
        assertEquals(Path.of("out-x2"), OutputFiles.withSuffix(Path.of("out"), "-x2"));
    }

    @Test
    void units() {
        assertEquals("512 B", Units.bytes(512));
        assertEquals("1.5 KiB", Units.bytes(1536));
        assertEquals("3.0 GiB", Units.bytes(3L << 30));
        assertEquals("0.25 s", Units.seconds(0.25));
    }

    @Test
    void identicalImagesReport999() {
        assertEquals(999.0, ImageRun.reported(Double.POSITIVE_INFINITY));
        assertEquals(48.5, ImageRun.reported(48.5));
    }
}
