package dev.hestyle.mosaic.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hestyle.mosaic.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RealCheckpointTest {
    private static StateDict sd;

    @BeforeAll
    static void read() {
        sd = CheckpointReader.read(SharedData.checkpoint());
    }

    @Test
    void countsEntriesAndValues() {
        // 107 entries: 92 float32 tensors (106,115 values) and 15 int64 num_batches_tracked counters
        assertEquals(107, sd.size());
        assertEquals(92, sd.floats().size());
        assertEquals(15, sd.longs().size());
        assertEquals(106_115, sd.floatValueCount());
        assertTrue(sd.longs().keySet().stream().allMatch(k -> k.endsWith(".norm.num_batches_tracked")));
    }

    @Test
    void keysAndShapesFollowTheArchitecture() {
        List<String> keys = sd.keys();
        assertEquals("model.0.block.1.weight", keys.get(0));
        assertEquals("model.10.block.1.bias", keys.get(keys.size() - 1));
        assertArrayEquals(new int[] {8, 3, 3, 3}, sd.floatTensor("model.0.block.1.weight").shape());
        assertArrayEquals(new int[] {32, 32, 3, 3}, sd.floatTensor("model.5.block.1.block.1.weight").shape());
        assertArrayEquals(new int[] {16, 32, 3, 3}, sd.floatTensor("model.8.block.1.weight").shape());
        assertArrayEquals(new int[] {3, 8, 3, 3}, sd.floatTensor("model.10.block.1.weight").shape());
        assertArrayEquals(new int[] {32}, sd.floatTensor("model.7.block.1.norm.running_var").shape());
    }

    @Test
    void countersAreScalarsWithOneTrainingLength() {
        long first = sd.longs().values().iterator().next().get(0);
        assertTrue(first > 0);
        for (LongArray l : sd.longs().values()) {
            assertEquals(0, l.shape().length);
            assertEquals(first, l.get(0));
        }
    }

    /** This file numbers its storages in key order; check every value against the raw little-endian bytes. */
    @Test
    void valuesMatchTheRawStorageFiles() throws IOException {
        try (ZipFile zip = new ZipFile(SharedData.checkpoint().toFile())) {
            List<String> keys = sd.keys();
            for (int i = 0; i < keys.size(); i++) {
                ByteBuffer raw;
                try (InputStream in = zip.getInputStream(zip.getEntry("last_checkpoint/data/" + i))) {
                    raw = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
                }
                String key = keys.get(i);
                if (sd.floats().containsKey(key)) {
                    FloatArray f = sd.floatTensor(key);
                    assertEquals(raw.capacity(), f.size() * 4, key);
                    for (int j = 0; j < f.size(); j++) {
                        assertEquals(raw.getFloat(j * 4), f.get(j), key + "[" + j + "]");
                    }
                } else {
                    assertEquals(raw.getLong(0), sd.longs().get(key).get(0), key);
                }
            }
        }
    }

    @Test
    void missingKeyIsNamed() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> sd.floatTensor("model.11.block.1.weight"));
        assertTrue(e.getMessage().contains("model.11.block.1.weight"), e.getMessage());
        e = assertThrows(CheckpointException.class,
                () -> sd.floatTensor("model.0.norm.num_batches_tracked"));
        assertTrue(e.getMessage().contains("int64"), e.getMessage());
    }
}
