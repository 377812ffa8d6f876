package dev.hestyle.mosaic.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.mosaic.testing.PickleBytes;
import dev.hestyle.mosaic.testing.SharedData;
import dev.hestyle.mosaic.testing.TorchZip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged or unsupported files give clear errors instead of wrong tensors. */
class BrokenCheckpointTest {
    @TempDir
    Path dir;

    private static void assertFails(Path f, String... parts) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(f));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    private static byte[] oneTensor(String storageType, long numel, long offset, long[] shape, long[] stride) {
        return new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("layer.weight", storageType, "0", numel, offset, shape, stride).op('u').stop().bytes();
    }

    @Test
    void missingFile() {
        assertFails(dir.resolve("nope.pth"), "not found", "nope.pth");
    }

    @Test
    void notAZip() throws IOException {
        Path f = Files.writeString(dir.resolve("text.pth"), "hello, this is not a checkpoint");
        assertFails(f, "not a readable zip archive");
    }

    @Test
    void truncatedZip() throws IOException {
        byte[] all = Files.readAllBytes(SharedData.checkpoint());
        Path half = Files.write(dir.resolve("half.pth"), Arrays.copyOf(all, all.length / 2));
        Path cut = Files.write(dir.resolve("cut.pth"), Arrays.copyOf(all, all.length - 100));
        assertFails(half, "not a readable zip archive", "truncated");
        assertFails(cut, "not a readable zip archive");
    }

    @Test
    void zipWithoutPickle() throws IOException {
        Path f = new TorchZip("m").floats("0", ByteOrder.LITTLE_ENDIAN, 1).write(dir.resolve("nopkl.pth"));
        assertFails(f, "data.pkl");
    }

    @Test
    void twoPickles() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).op('}').stop().bytes();
        Path f = new TorchZip("a").pickle(pkl).entry("b/data.pkl", pkl).write(dir.resolve("two.pth"));
        assertFails(f, "several pickles");
    }

    @Test
    void truncatedPickle() throws IOException {
        byte[] real;
        try (ZipFile zip = new ZipFile(SharedData.checkpoint().toFile()); InputStream in = zip.getInputStream(zip.getEntry("last_checkpoint/data.pkl"))) {
            real = in.readAllBytes();
        }
        Path f = new TorchZip("last_checkpoint").pickle(Arrays.copyOf(real, real.length / 2)).byteorder("little")
                .write(dir.resolve("tp.pth"));
        assertFails(f, "truncated");
        Path g = new TorchZip("last_checkpoint").pickle(Arrays.copyOf(real, real.length - 1)).byteorder("little")
                .write(dir.resolve("tp1.pth"));
        assertFails(g, "truncated");
    }

    @Test
    void missingStorageFile() throws IOException {
        Path f = new TorchZip("m").pickle(oneTensor("FloatStorage", 4, 0, new long[] {4}, new long[] {1})).write(dir.resolve("ms.pth"));
        assertFails(f, "missing storage file", "m/data/0");
    }

    @Test
    void storageTooShort() throws IOException {
        Path f = new TorchZip("m").pickle(oneTensor("FloatStorage", 4, 0, new long[] {4}, new long[] {1}))
                .floats("0", ByteOrder.LITTLE_ENDIAN, 1, 2, 3).write(dir.resolve("short.pth"));
        assertFails(f, "has 12 bytes, the pickle needs 16");
    }

    @Test
    void viewBeyondItsStorage() throws IOException {
        Path f = new TorchZip("m").pickle(oneTensor("FloatStorage", 4, 2, new long[] {4}, new long[] {1}))
                .floats("0", ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4).write(dir.resolve("beyond.pth"));
        assertFails(f, "layer.weight", "has only 4");
    }

    @Test
    void nonContiguousTensor() throws IOException {
        Path f = new TorchZip("m").pickle(oneTensor("FloatStorage", 6, 0, new long[] {2, 3}, new long[] {1, 2}))
                .floats("0", ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6).write(dir.resolve("t.pth"));
        assertFails(f, "layer.weight", "not contiguous", "[1, 2]");
    }

    @Test
    void unknownByteOrder() throws IOException {
        Path f = new TorchZip("m").pickle(oneTensor("FloatStorage", 1, 0, new long[] {1}, new long[] {1})).byteorder("middle")
                .floats("0", ByteOrder.LITTLE_ENDIAN, 1).write(dir.resolve("bo.pth"));
        assertFails(f, "byte order 'middle'");
    }

    @Test
    void unknownOpcode() throws IOException {
        Path f = new TorchZip("m").pickle(new PickleBytes().proto(2).op(0xf0).stop().bytes()).write(dir.resolve("op.pth"));
        assertFails(f, "unsupported pickle opcode 0xf0");
    }

    @Test
    void newerProtocol() throws IOException {
        Path f = new TorchZip("m").pickle(new PickleBytes().proto(9).op('N').stop().bytes()).write(dir.resolve("p9.pth"));
        assertFails(f, "unsupported pickle protocol 9");
    }

    @Test
    void malformedStack() throws IOException {
        Path under = new TorchZip("m").pickle(new PickleBytes().proto(2).reduce().stop().bytes()).write(dir.resolve("u.pth"));
        assertFails(under, "stack underflow");
        Path memo = new TorchZip("m").pickle(new PickleBytes().proto(2).op('h').op(7).stop().bytes()).write(dir.resolve("m.pth"));
        assertFails(memo, "memo entry 7");
        Path two = new TorchZip("m").pickle(new PickleBytes().proto(2).op('N').op('N').stop().bytes()).write(dir.resolve("s.pth"));
        assertFails(two, "STOP with 2 values");
    }

    @Test
    void notAStateDict() throws IOException {
        Path list = new TorchZip("m").pickle(new PickleBytes().proto(2).op(']').stop().bytes()).write(dir.resolve("l.pth"));
        assertFails(list, "does not hold a state dict");
        byte[] nested = new PickleBytes().proto(2).op('}').str("model").op('}').op('s').stop().bytes();
        Path full = new TorchZip("m").pickle(nested).write(dir.resolve("full.pth"));
        assertFails(full, "'model' is not a tensor", "full training checkpoint");
    }
}
