package dev.hestyle.mosaic.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.mosaic.testing.PickleBytes;
import dev.hestyle.mosaic.testing.RawZip;
import dev.hestyle.mosaic.testing.SharedData;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip reader agrees with the JDK's on real and generated archives, and refuses malformed ones. */
class ZipArchiveTest {
    @TempDir
    Path dir;

    /** Every entry's name, and the bytes of every {@code step}th, through {@link ZipArchive}, checked against {@link ZipFile}. */
    private static void assertSameAsJdk(Path file, int maxEntries, int step) throws IOException {
        List<String> names = new ArrayList<>();
        try (RandomAccessBytes bytes = RandomAccessBytes.open(file); ZipFile jdk = new ZipFile(file.toFile())) {
            ZipArchive ours = ZipArchive.read(bytes, maxEntries);
            assertEquals(jdk.size(), ours.size());
            for (ZipEntry je : Collections.list(jdk.entries())) {
                ZipArchive.Entry oe = ours.find(je.getName());
                if (names.size() % step == 0) {
                    try (InputStream a = jdk.getInputStream(je); InputStream b = ours.open(oe)) {
                        assertArrayEquals(a.readAllBytes(), b.readAllBytes(), je.getName());
                    }
                }
                names.add(je.getName());
            }
            assertEquals(names, ours.entries().stream().map(ZipArchive.Entry::name).toList());
        }
    }

    @Test
    void readsTheRealCheckpointLikeTheJdk() throws IOException {
        assertSameAsJdk(SharedData.checkpoint(), 1000, 1); // torch's writer: zip64 end records, aligned STORED entries
    }

    @Test
    void readsDeflatedEntriesWithDataDescriptors() throws IOException {
        Path f = dir.resolve("deflated.pth");
        byte[] pkl = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("w", "FloatStorage", "0", 3, 0, new long[] {3}, new long[] {1}).op('u').stop().bytes();
        ByteBuffer floats = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(-2).putFloat(3.5f);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
            // DEFLATED without sizes: ZipOutputStream writes them in data descriptors after the data
            for (String[] e : new String[][] {{"d/data.pkl"}, {"d/data/0"}, {"d/byteorder"}}) {
                zip.putNextEntry(new ZipEntry(e[0]));
                zip.write(switch (e[0]) {
                    case "d/data.pkl" -> pkl;
                    case "d/data/0" -> floats.array();
                    default -> "little".getBytes(StandardCharsets.US_ASCII);
                });
                zip.closeEntry();
            }
        }
        assertSameAsJdk(f, 10, 1);
        assertArrayEquals(new float[] {1, -2, 3.5f}, CheckpointReader.read(f).floatTensor("w").toFloats());
    }

    @Test
    void readsZip64ArchivesOfManyEntries() throws IOException {
        Path f = dir.resolve("many.zip");
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(f)))) {
            zip.setLevel(0);
            for (int i = 0; i < 70_000; i++) { // past 65,535 entries the JDK writes zip64 end records
                zip.putNextEntry(new ZipEntry("m/" + i));
                zip.write(i & 0xFF);
                zip.closeEntry();
            }
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertSameAsJdk(f, 100_000, 997));
        try (RandomAccessBytes bytes = RandomAccessBytes.open(f)) {
            CheckpointLimitException e = assertThrows(CheckpointLimitException.class, () -> ZipArchive.read(bytes, 65_536));
            assertTrue(e.getMessage().contains("70000 zip entries"), e.getMessage());
        }
    }

    @Test
    void refusesDuplicateNamesAndDirectoriesOutsideTheArchive() throws IOException {
        byte[] twice = new RawZip().stored("m/data.pkl", new byte[] {1}).stored("m/data.pkl", new byte[] {2}).bytes();
        ZipException dup = assertThrows(ZipException.class, () -> ZipArchive.read(RandomAccessBytes.of(twice), 10));
        assertTrue(dup.getMessage().contains("appears twice"), dup.getMessage());

        byte[] zip = new RawZip().stored("a", new byte[] {1, 2, 3}).bytes();
        byte[] moved = zip.clone();
        moved[moved.length - 6] = (byte) 0x7F; // the central directory's offset, pointed past the end
        assertThrows(ZipException.class, () -> ZipArchive.read(RandomAccessBytes.of(moved), 10));
        byte[] entryMoved = zip.clone();
        int cen = zip.length - 22 - (46 + 1);
        entryMoved[cen + 42] = 9; // the entry's local header offset, pointed into its own data
        ZipArchive a = ZipArchive.read(RandomAccessBytes.of(entryMoved), 10);
        assertThrows(ZipException.class, () -> a.open(a.find("a")));
        assertEquals(1, a.size());
    }

    @Test
    void truncatedDeflatedDataIsAnError() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(b)) {
            zip.putNextEntry(new ZipEntry("x"));
            byte[] data = new byte[100_000];
            new Random(1).nextBytes(data);
            zip.write(data);
            zip.closeEntry();
        }
        byte[] zip = b.toByteArray();
        ZipArchive a = ZipArchive.read(RandomAccessBytes.of(zip), 10);
        ZipArchive.Entry e = a.find("x");
        assertEquals(100_000, a.open(e).readAllBytes().length);
        // the directory claiming half the compressed bytes: the stream ends early
        ZipArchive.Entry shorter = new ZipArchive.Entry("x", e.flags(), e.method(), e.compressedSize() / 2, e.localHeaderOffset());
        assertThrows(IOException.class, () -> a.open(shorter).readAllBytes());
    }
}
