package dev.hestyle.mosaic.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.mosaic.testing.PickleBytes;
import dev.hestyle.mosaic.testing.TorchZip;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malicious pickles must be refused by name, with nothing executed. */
class HostileCheckpointTest {
    @TempDir
    Path dir;

    private CheckpointException refused(byte[] pickle) throws IOException {
        Path f = new TorchZip("evil").pickle(pickle).byteorder("little").write(Files.createTempFile(dir, "evil", ".pth"));
        return assertThrows(CheckpointException.class, () -> CheckpointReader.read(f));
    }

    private static void assertMentions(CheckpointException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void osSystemIsRefusedAndNotRun() throws IOException {
        Path marker = dir.resolve("pwned");
        byte[] pkl = new PickleBytes().proto(2).global("os", "system").mark().str("touch " + marker).tuple().reduce().stop().bytes();
        CheckpointException e = refused(pkl);
        assertMentions(e, "os.system", "refusing", "nothing in it was executed");
        assertFalse(Files.exists(marker));
    }

    @ParameterizedTest
    @CsvSource({"builtins,eval", "posix,system", "subprocess,Popen", "builtins,exec", "torch,load", "torch._utils,_rebuild_device_tensor_from_numpy",
        "collections,namedtuple", "__builtin__,getattr"})
    void otherGlobalsAreRefusedByName(String module, String name) throws IOException {
        byte[] pkl = new PickleBytes().proto(2).global(module, name).mark().str("print(1)").tuple().reduce().stop().bytes();
        assertMentions(refused(pkl), module + "." + name);
    }

    @Test
    void globalInsideAnOtherwiseValidStateDictIsRefused() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("w", "FloatStorage", "0", 1, 0, new long[] {1}, new long[] {1})
                .str("x").global("builtins", "eval").mark().str("1+1").tuple().reduce()
                .op('u').stop().bytes();
        assertMentions(refused(pkl), "builtins.eval");
    }

    @Test
    void stackGlobalIsRefusedByName() throws IOException {
        byte[] pkl = new PickleBytes().proto(4).op(0x95).raw(new byte[8]).shortStr("os").shortStr("system").op(0x93).op(0x94)
                .shortStr("id").op(0x85).reduce().stop().bytes();
        assertMentions(refused(pkl), "os.system");
    }

    @Test
    void stackGlobalWithMemoisedNamesIsRefused() throws IOException {
        byte[] pkl = new PickleBytes().proto(4).shortStr("builtins").op(0x94).shortStr("eval").op(0x94)
                .op('h').op(0).op('h').op(1).op(0x93).shortStr("1").op(0x85).reduce().stop().bytes();
        assertMentions(refused(pkl), "builtins.eval");
    }

    @Test
    void stackGlobalNeedsStrings() throws IOException {
        byte[] pkl = new PickleBytes().proto(4).integer(1).integer(2).op(0x93).stop().bytes();
        assertMentions(refused(pkl), "STACK_GLOBAL");
    }

    @ParameterizedTest
    @CsvSource({"105,INST", "111,OBJ", "129,NEWOBJ", "146,NEWOBJ_EX", "130,EXT1", "98,BUILD"})
    void codeRunningOpcodesAreUnsupported(int opcode, String label) throws IOException {
        PickleBytes p = new PickleBytes().proto(2);
        if (opcode == 'i') {
            p.mark().op(opcode).raw("os\nsystem\n".getBytes(StandardCharsets.US_ASCII));
        } else if (opcode == 'b') {
            p.str("not a dict").op('}').op('b'); // BUILD (setstate) on anything but an ordered dict
        } else {
            p.mark().op(opcode);
        }
        CheckpointException e = refused(p.stop().bytes());
        assertTrue(e.getMessage().contains("opcode") || e.getMessage().contains("BUILD"), label + ": " + e.getMessage());
    }

    @Test
    void storageClassesCannotBeCalled() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).global("torch", "FloatStorage").emptyTuple().reduce().stop().bytes();
        assertMentions(refused(pkl), "REDUCE", "not an allowed callable");
    }

    @Test
    void unsupportedStorageTypeIsNamed() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("w", "HalfStorage", "0", 1, 0, new long[] {1}, new long[] {1}).op('u').stop().bytes();
        assertMentions(refused(pkl), "torch.HalfStorage");
    }

    @Test
    void persistentIdMustBeATorchStorage() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).str("/etc/passwd").op('Q').stop().bytes();
        assertMentions(refused(pkl), "persistent id");
    }

    @Test
    void hugeStringLengthIsRefusedWithoutAllocating() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).op('X').le32(0x7fff_fff0).stop().bytes();
        assertMentions(refused(pkl), "runs past the end");
    }

    @Test
    void storageKeyCannotEscapeTheArchiveFolder() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("w", "FloatStorage", "../../evil", 1, 0, new long[] {1}, new long[] {1}).op('u').stop().bytes();
        Path f = new TorchZip("evil").pickle(pkl).floats("0", ByteOrder.LITTLE_ENDIAN, 1).write(dir.resolve("k.pth"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(f));
        assertMentions(e, "bad storage key");
    }
}
