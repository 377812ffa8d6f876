package dev.hestyle.mosaic.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hestyle.mosaic.testing.PickleBytes;
import dev.hestyle.mosaic.testing.RawZip;
import dev.hestyle.mosaic.testing.TorchZip;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Hostile checkpoints built to exhaust time or memory (pickle DAGs, recursive and deep structures, zip bombs,
 * overflowing sizes) are refused quickly with a {@link CheckpointException}, never a JVM error or an untyped
 * runtime exception. Every input is generated here, at test time.
 */
class BoundedCheckpointTest {
    private static final Duration QUICK = Duration.ofSeconds(10);

    /** Reads {@code zip} and expects a refusal whose message mentions each of {@code parts}. */
    private static CheckpointException refused(byte[] zip, CheckpointLimits limits, String... parts) {
        CheckpointException e = assertTimeoutPreemptively(QUICK, () -> {
            try {
                CheckpointReader.read(zip, limits);
            } catch (CheckpointException expected) {
                return expected;
            } catch (Throwable t) {
                throw new AssertionError("expected a CheckpointException, got " + t, t);
            }
            return fail("the hostile checkpoint was accepted");
        });
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
        assertTrue(e.getMessage().length() < 2000, "message too long: " + e.getMessage().length());
        return e;
    }

    private static CheckpointException refusedPickle(byte[] pickle, String... parts) throws IOException {
        return refused(new TorchZip("evil").pickle(pickle).byteorder("little").bytes(), CheckpointLimits.DEFAULT, parts);
    }

    private static void assertLimit(CheckpointException e, String limit) {
        assertTrue(e instanceof CheckpointLimitException, "expected a limit exception: " + e);
        assertEquals(limit, ((CheckpointLimitException) e).limit());
        assertTrue(e.getMessage().contains(limit), e.getMessage());
    }

    /**
     * Pushes a tuple whose unfolded size is 2^depth, in 11 bytes a level: memo 0 = (); memo i+1 = (memo i, memo i),
     * the first item being the one on the stack.
     */
    private static PickleBytes dag(PickleBytes p, int depth) {
        p.emptyTuple().op('r').le32(0);
        for (int i = 0; i < depth; i++) {
            p.op('j').le32(i).op(0x86).op('r').le32(i + 1);
        }
        return p;
    }

    @Test
    void sharedTupleDagAsDictKeyIsRefusedWithoutHashingIt() throws IOException {
        // hashing or comparing this key structurally would visit 2^30 tuples
        byte[] pkl = dag(new PickleBytes().proto(2).op('}'), 30).op('N').op('s').stop().bytes();
        refusedPickle(pkl, "dict key is a tuple", "str");
        byte[] viaSetitems = dag(new PickleBytes().proto(2).op('}').mark(), 30).op('N').op('u').stop().bytes();
        refusedPickle(viaSetitems, "dict key is a tuple");
        byte[] viaDict = dag(new PickleBytes().proto(2).mark(), 30).op('N').op('d').stop().bytes();
        refusedPickle(viaDict, "dict key is a tuple");
    }

    @Test
    void sharedDagAsValueOrPersistentIdIsNotUnfolded() throws IOException {
        byte[] value = dag(new PickleBytes().proto(2).orderedDict().str("w"), 30).op('s').stop().bytes();
        refusedPickle(value, "'w' is not a tensor but a tuple");
        byte[] pid = dag(new PickleBytes().proto(2), 30).op('Q').stop().bytes();
        refusedPickle(pid, "persistent id");
        PickleBytes inStoragePid = new PickleBytes().proto(2).mark().str("storage").global("torch", "FloatStorage");
        byte[] full = dag(inStoragePid, 30).str("cpu").integer(1).tuple().op('Q').stop().bytes();
        refusedPickle(full, "malformed storage persistent id", "a tuple");
    }

    @Test
    void selfReferentialListsAndDictsAreRefused() throws IOException {
        refusedPickle(new PickleBytes().proto(2).op(']').op('q').op(0).op('h').op(0).op('a').stop().bytes(), "contain itself");
        refusedPickle(new PickleBytes().proto(2).op(']').op('q').op(0).mark().op('h').op(0).op('e').stop().bytes(), "contain itself");
        refusedPickle(new PickleBytes().proto(2).op('}').op('q').op(0).str("me").op('h').op(0).op('s').stop().bytes(), "contain itself");
        // a = []; b = [a]; a.append(b): the cycle closes through a list already inside another
        byte[] cycle = new PickleBytes().proto(2).op(']').op('q').op(0).op(']').op('q').op(1).op('h').op(0).op('a')
                .op('a').stop().bytes();
        refusedPickle(cycle, "recursive");
        // the same through a dict, and as the state dict's own value
        byte[] dictCycle = new PickleBytes().proto(2).orderedDict().op('q').op(0).str("w").op('}').op('q').op(1)
                .str("up").op('h').op(0).op('s').op('s').op('h').op(1).str("again").op('h').op(0).op('s').stop().bytes();
        refusedPickle(dictCycle, "recursive");
    }

    @Test
    void deepNestingIsBounded() throws IOException {
        PickleBytes tuples = new PickleBytes().proto(2).op('N');
        for (int i = 0; i < 200_000; i++) {
            tuples.op(0x85); // (x,) around the previous value
        }
        assertLimit(refusedPickle(tuples.stop().bytes(), "nests containers more than 32 deep"), "maxNesting");

        PickleBytes lists = new PickleBytes().proto(2);
        for (int i = 0; i < 100_000; i++) {
            lists.op(']');
        }
        for (int i = 0; i < 99_999; i++) {
            lists.op('a'); // each list appended into the one below it
        }
        assertLimit(refusedPickle(lists.stop().bytes()), "maxNesting");

        PickleBytes marks = new PickleBytes().proto(2);
        for (int i = 0; i < 1_000_000; i++) {
            marks.mark();
        }
        assertLimit(refusedPickle(marks.stop().bytes(), "MARK"), "maxNesting");

        PickleBytes dicts = new PickleBytes().proto(2).op('N');
        for (int i = 0; i < 100_000; i++) {
            dicts.op('}').op('q').op(0).str("k").op('h').op(0).op('s'); // not valid nesting, but must not recurse
        }
        refusedPickle(dicts.stop().bytes());
    }

    @Test
    void nestingWithinTheLimitStillReads() throws IOException {
        // a state dict plus 30 levels of nested metadata dicts in BUILD state: depth 31 of 32
        PickleBytes p = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("w", "FloatStorage", "0", 1, 0, new long[] {1}, new long[] {1}).op('u');
        p.op('}').str("_metadata");
        for (int i = 0; i < 29; i++) {
            p.op('}').str("k");
        }
        p.op('N');
        for (int i = 0; i < 30; i++) {
            p.op('s');
        }
        p.op('b');
        byte[] zip = new TorchZip("ok").pickle(p.stop().bytes()).floats("0", ByteOrder.LITTLE_ENDIAN, 2.5f).bytes();
        assertArrayEquals(new float[] {2.5f}, CheckpointReader.read(zip).floatTensor("w").toFloats());
    }

    @Test
    void memoAndValueCountsAreBounded() throws IOException {
        PickleBytes memo = new PickleBytes().proto(2).op('N');
        for (int i = 0; i < 1_100_000; i++) {
            memo.op('r').le32(i);
        }
        assertLimit(refusedPickle(memo.stop().bytes()), "maxMemoEntries");

        PickleBytes nones = new PickleBytes().proto(2);
        for (int i = 0; i < 2_100_000; i++) {
            nones.op('N');
        }
        assertLimit(refusedPickle(nones.stop().bytes()), "maxPickleValues");

        // shared references count too: a list holding one string 2.1 million times
        PickleBytes refs = new PickleBytes().proto(2).str("x").op('q').op(0).op(']');
        for (int i = 0; i < 2_100_000; i++) {
            refs.op('h').op(0).op('a');
        }
        assertLimit(refusedPickle(refs.stop().bytes()), "maxPickleValues");
    }

    @Test
    void pickleZipBombIsCutAtThePickleLimit() {
        // 1 GiB of zeros as data.pkl, in a zip of about a megabyte; once truthfully declared, once declared tiny
        for (long declared : new long[] {1L << 30, 10}) {
            byte[] zip = new RawZip().zeros("bomb/data.pkl", 1024, declared).bytes();
            assertTrue(zip.length < 2 << 20, "bomb of " + zip.length + " bytes");
            assertLimit(refused(zip, CheckpointLimits.DEFAULT, "data.pkl"), "maxPickleBytes");
        }
    }

    @Test
    void storageZipBombIsReadOnlyAsFarAsTheTensorNeeds() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("w", "FloatStorage", "0", 1000, 0, new long[] {1000}, new long[] {1}).op('u').stop().bytes();
        byte[] zip = new RawZip().stored("m/data.pkl", pkl).zeros("m/data/0", 1024, 4000).bytes();
        StateDict sd = assertTimeoutPreemptively(QUICK, () -> CheckpointReader.read(zip));
        assertArrayEquals(new float[1000], sd.floatTensor("w").toFloats());
    }

    @Test
    void storageSizesAreBoundedEachAndInAll() throws IOException {
        // declared larger than one storage may be: refused before reading anything
        byte[] huge = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("w", "FloatStorage", "0", 1L << 40, 0, new long[] {1}, new long[] {1}).op('u').stop().bytes();
        byte[] zip = new RawZip().stored("m/data.pkl", huge).zeros("m/data/0", 64, 64 << 20).bytes();
        assertLimit(refused(zip, CheckpointLimits.DEFAULT, "m/data/0"), "maxStorageBytes");

        // several storages, each allowed, that together decode to more than allowed in all
        PickleBytes p = new PickleBytes().proto(2).orderedDict().mark();
        RawZip many = new RawZip();
        for (int i = 0; i < 5; i++) {
            p.tensorEntry("w" + i, "FloatStorage", "" + i, 1 << 20, 0, new long[] {1 << 20}, new long[] {1});
            many.zeros("m/data/" + i, 4, 4 << 20);
        }
        many.stored("m/data.pkl", p.op('u').stop().bytes());
        CheckpointLimits small = new CheckpointLimits(1L << 30, 100, 1 << 20, 8 << 20, 13 << 20, 1000, 100_000, 32);
        assertLimit(refused(many.bytes(), small, "m/data/3"), "maxTotalBytes");
    }

    @Test
    void entryCountAndFileSizeAreBounded() throws IOException {
        TorchZip z = new TorchZip("m").pickle(new PickleBytes().proto(2).op('}').stop().bytes());
        for (int i = 0; i < 200; i++) {
            z.entry("m/extra/" + i, new byte[0]);
        }
        byte[] zip = z.bytes();
        CheckpointLimits fewEntries = new CheckpointLimits(1L << 30, 100, 1 << 20, 1 << 20, 1 << 20, 1000, 1000, 32);
        assertLimit(refused(zip, fewEntries, "201 zip entries"), "maxEntries");
        CheckpointLimits smallFile = new CheckpointLimits(1000, 1000, 1 << 20, 1 << 20, 1 << 20, 1000, 1000, 32);
        assertLimit(refused(zip, smallFile), "maxFileBytes");
        assertLimit(assertThrows(CheckpointException.class, () -> CheckpointReader.read(new ByteArrayInputStream(zip), smallFile)),
                "maxFileBytes");
        assertEquals(0, CheckpointReader.read(new ByteArrayInputStream(zip), CheckpointLimits.DEFAULT).size());
    }

    private static byte[] oneTensor(String type, long numel, long offset, long[] shape, long[] stride) throws IOException {
        byte[] pkl = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("w", type, "0", numel, offset, shape, stride).op('u').stop().bytes();
        return new TorchZip("m").pickle(pkl).floats("0", ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4).bytes();
    }

    @Test
    void overflowingSizesShapesStridesAndOffsetsAreTypedErrors() throws IOException {
        CheckpointLimits d = CheckpointLimits.DEFAULT;
        long max = Long.MAX_VALUE;
        // element counts whose byte size overflows a long
        assertLimit(refused(oneTensor("FloatStorage", max, 0, new long[] {1}, new long[] {1}), d), "maxStorageBytes");
        assertLimit(refused(oneTensor("LongStorage", 1L << 61, 0, new long[] {1}, new long[] {1}), d), "maxStorageBytes");
        refused(oneTensor("FloatStorage", -1, 0, new long[] {1}, new long[] {1}), d, "negative size");
        // an offset near Long.MAX_VALUE, which offset + numel would wrap
        refused(oneTensor("FloatStorage", 4, max, new long[] {2}, new long[] {1}), d, "has only 4");
        refused(oneTensor("FloatStorage", 4, max - 1, new long[] {2}, new long[] {1}), d, "has only 4");
        refused(oneTensor("FloatStorage", 4, -5, new long[] {2}, new long[] {1}), d, "negative storage offset");
        // shapes whose product overflows int and long
        refused(oneTensor("FloatStorage", 4, 0, new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, new long[] {Integer.MAX_VALUE, 1}), d,
                "too large");
        long[] manyDims = new long[32];
        long[] manyStrides = new long[32];
        Arrays.fill(manyDims, 65535);
        refused(oneTensor("FloatStorage", 4, 0, manyDims, manyStrides), d, "too large");
        refused(oneTensor("FloatStorage", 4, 0, new long[] {1L << 40}, new long[] {1}), d, "bad dimension");
        refused(oneTensor("FloatStorage", 4, 0, new long[] {-2}, new long[] {1}), d, "bad dimension");
        refused(oneTensor("FloatStorage", 4, 0, new long[33], new long[33]), d, "at most 32");
        // strides whose products overflow, including around an empty dimension
        refused(oneTensor("FloatStorage", 4, 0, new long[] {2, 2}, new long[] {max, 1}), d, "not contiguous");
        refused(oneTensor("FloatStorage", 4, 0, new long[] {2, Integer.MAX_VALUE, Integer.MAX_VALUE, 0},
                new long[] {1, 1, 1, 1}), d, "too large");
        // an empty tensor is fine anywhere inside its storage
        byte[] empty = oneTensor("FloatStorage", 4, 4, new long[] {0, 3}, new long[] {3, 1});
        assertEquals(0, CheckpointReader.read(empty).floatTensor("w").size());
    }

    @Test
    void longKeysAndNamesAreAbbreviatedInMessages() throws IOException {
        String longKey = "k".repeat(1_000_000);
        byte[] pkl = new PickleBytes().proto(2).orderedDict().str(longKey).op('N').op('s').stop().bytes();
        refusedPickle(pkl, "(1000000 characters)");
        byte[] global = new PickleBytes().proto(2).global("os" + "x".repeat(100_000), "system").stop().bytes();
        refusedPickle(global, "refusing");
    }

    /** Runs {@code read} on many generated inputs; each must succeed or throw a CheckpointException. */
    private static void onlyTypedFailures(int count, Supplier<byte[]> inputs) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < count; i++) {
                byte[] zip = inputs.get();
                try {
                    CheckpointReader.read(zip);
                } catch (CheckpointException expected) {
                    // refused: fine
                } catch (Throwable t) {
                    throw new AssertionError("input " + i + " escaped with " + t, t);
                }
            }
        });
    }

    private static byte[] archive(TorchZip zip) {
        try {
            return zip.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void garbageTruncationsAndMutationsGiveOnlyCheckpointExceptions() throws IOException {
        byte[] pkl = new PickleBytes().proto(2).orderedDict().mark()
                .tensorEntry("a.weight", "FloatStorage", "0", 6, 0, new long[] {2, 3}, new long[] {3, 1})
                .tensorEntry("a.bias", "FloatStorage", "0", 6, 4, new long[] {2}, new long[] {1})
                .tensorEntry("a.steps", "LongStorage", "1", 1, 0, new long[] {}, new long[] {})
                .op('u').stop().bytes();
        TorchZip base = new TorchZip("m").byteorder("little").floats("0", ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6).longs("1", 42);
        byte[] zip = base.pickle(pkl).bytes();
        assertEquals(3, CheckpointReader.read(zip).size());
        Random rnd = new Random(20240611);
        int[] n = {0};
        // every truncation of the pickle, and of the archive
        onlyTypedFailures(pkl.length, () -> {
            return archive(new TorchZip("m").byteorder("little").pickle(Arrays.copyOf(pkl, n[0]++)));
        });
        int[] m = {0};
        onlyTypedFailures(zip.length, () -> Arrays.copyOf(zip, m[0]++));
        // random bytes, as a pickle and as an archive
        onlyTypedFailures(2000, () -> {
            byte[] junk = new byte[rnd.nextInt(300)];
            rnd.nextBytes(junk);
            return archive(new TorchZip("m").pickle(junk));
        });
        onlyTypedFailures(2000, () -> {
            byte[] junk = new byte[rnd.nextInt(300)];
            rnd.nextBytes(junk);
            return junk;
        });
        // valid pickles with a few bytes changed
        onlyTypedFailures(5000, () -> {
            byte[] bad = pkl.clone();
            for (int k = rnd.nextInt(3); k >= 0; k--) {
                bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            }
            return archive(base.pickle(bad));
        });
        // valid archives with a few bytes changed
        onlyTypedFailures(5000, () -> {
            byte[] bad = zip.clone();
            for (int k = rnd.nextInt(3); k >= 0; k--) {
                bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            }
            return bad;
        });
    }

    /** The pickle interpreter alone is fast enough to try many more mutations than the whole reader. */
    @Test
    void mutatedPicklesGiveOnlyCheckpointExceptions() {
        byte[] pkl = new PickleBytes().proto(4).op(0x95).raw(new byte[8]).orderedDict().op(0x94).mark()
                .tensorEntry("a.weight", "FloatStorage", "0", 6, 0, new long[] {2, 3}, new long[] {3, 1})
                .tensorEntry("a.steps", "LongStorage", "1", 1, 0, new long[] {}, new long[] {})
                .op('u').op('}').str("_metadata").orderedDict().str("").op('}').str("version").integer(1).op('s').op('s')
                .op('s').op('b').stop().bytes();
        Random rnd = new Random(7);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 30_000; i++) {
                byte[] bad = pkl.clone();
                for (int k = rnd.nextInt(4); k >= 0; k--) {
                    bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextInt(8) == 0) {
                    bad = Arrays.copyOf(bad, rnd.nextInt(bad.length));
                }
                try {
                    Map<String, StorageRef> storages = new HashMap<>();
                    new PickleMachine(bad, pid -> CheckpointReader.storageRef(pid, storages), CheckpointLimits.DEFAULT).load();
                } catch (CheckpointException expected) {
                    // refused: fine
                } catch (Throwable t) {
                    throw new AssertionError("mutation " + i + " escaped with " + t, t);
                }
            }
        });
    }
}
