package dev.hestyle.mosaic.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hestyle.mosaic.testing.PickleBytes;
import dev.hestyle.mosaic.testing.TorchZip;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid state dicts written by hand, covering the variations torch produces. */
class CraftedCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void readsViewsSharedStoragesAndCounters() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("a.weight", "FloatStorage", "0", 6, 0, new long[] {2, 3}, new long[] {3, 1})
                .tensorEntry("a.bias", "FloatStorage", "0", 6, 4, new long[] {2}, new long[] {1})
                .tensorEntry("a.steps", "LongStorage", "1", 1, 0, new long[] {}, new long[] {})
                .op('u').stop().bytes();
        Path f = new TorchZip("archive").pickle(pkl).byteorder("little")
                .floats("0", ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6).longs("1", 42).write(dir.resolve("a.pth"));
        StateDict sd = CheckpointReader.read(f);
        assertEquals(List.of("a.weight", "a.bias", "a.steps"), sd.keys());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, sd.floatTensor("a.weight").toFloats());
        assertArrayEquals(new int[] {2, 3}, sd.floatTensor("a.weight").shape());
        assertArrayEquals(new float[] {5, 6}, sd.floatTensor("a.bias").toFloats());
        assertEquals(42, sd.longs().get("a.steps").get(0));
    }

    @Test
    void honoursBigEndianAndDefaultsToLittleWithoutByteorder() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("w", "FloatStorage", "0", 2, 0, new long[] {2}, new long[] {1}).op('u').stop().bytes();
        Path big = new TorchZip("m").pickle(pkl).byteorder("big").floats("0", ByteOrder.BIG_ENDIAN, 1.5f, -2.25f)
                .write(dir.resolve("big.pth"));
        Path legacy = new TorchZip("m").pickle(pkl).floats("0", ByteOrder.LITTLE_ENDIAN, 1.5f, -2.25f)
                .write(dir.resolve("legacy.pth"));
        assertArrayEquals(new float[] {1.5f, -2.25f}, CheckpointReader.read(big).floatTensor("w").toFloats());
        assertArrayEquals(new float[] {1.5f, -2.25f}, CheckpointReader.read(legacy).floatTensor("w").toFloats());
    }

    @Test
    void acceptsParametersMetadataAndSizeOneStrides() throws IOException {
        PickleBytes p = new PickleBytes().proto(2).orderedDict().mark();
        p.str("p").global("torch._utils", "_rebuild_parameter").mark();
        p.global("torch._utils", "_rebuild_tensor_v2").mark();
        p.mark().str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(3).tuple().op('Q');
        p.integer(0).intTuple(1, 3).intTuple(99, 1).op(0x89).orderedDict().tuple().reduce();
        p.op(0x88).orderedDict().tuple().reduce();
        p.op('u');
        // torch keeps the module version metadata as the dict's attributes: {'_metadata': OrderedDict(...)}
        p.op('}').str("_metadata").orderedDict().str("").op('}').str("version").integer(1).op('s').op('s').op('s').op('b');
        byte[] pkl = p.stop().bytes();
        Path f = new TorchZip("x").pickle(pkl).floats("0", ByteOrder.LITTLE_ENDIAN, 7, 8, 9).write(dir.resolve("p.pth"));
        StateDict sd = CheckpointReader.read(f);
        assertArrayEquals(new int[] {1, 3}, sd.floatTensor("p").shape());
        assertArrayEquals(new float[] {7, 8, 9}, sd.floatTensor("p").toFloats());
    }

    @Test
    void readsProtocolFourFramingAndStackGlobal() throws IOException {
        PickleBytes p = new PickleBytes().proto(4).op(0x95).raw(new byte[8]);
        p.shortStr("collections").op(0x94).shortStr("OrderedDict").op(0x94).op(0x93).op(0x94).emptyTuple().reduce().op(0x94);
        p.mark().shortStr("w").op(0x94);
        p.shortStr("torch._utils").shortStr("_rebuild_tensor_v2").op(0x93).op(0x94).mark();
        p.mark().shortStr("storage").shortStr("torch").shortStr("FloatStorage").op(0x93).shortStr("0").shortStr("cpu")
                .integer(2).tuple().op('Q');
        p.integer(0).integer(2).op(0x85).integer(1).op(0x85).op(0x89);
        p.op('h').op(2).emptyTuple().reduce(); // memo 2 = OrderedDict
        p.tuple().reduce().op('u').stop();
        Path f = new TorchZip("x").pickle(p.bytes()).floats("0", ByteOrder.LITTLE_ENDIAN, 3, 4).write(dir.resolve("p4.pth"));
        assertArrayEquals(new float[] {3, 4}, CheckpointReader.read(f).floatTensor("w").toFloats());
    }
}
