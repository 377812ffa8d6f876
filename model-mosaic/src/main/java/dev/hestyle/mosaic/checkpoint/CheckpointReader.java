package dev.hestyle.mosaic.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a PyTorch {@code state_dict} saved by {@code torch.save} in the zip format, without Python and without
 * running any code from the file.
 *
 * <pre>{@code
 * StateDict sd = CheckpointReader.read(Path.of("Mosaic-last_checkpoint.pth"));
 * FloatArray w = sd.floatTensor("model.0.block.1.weight"); // shape [8, 3, 3, 3]
 * }</pre>
 */
public final class CheckpointReader {
    private static final Logger log = LoggerFactory.getLogger(CheckpointReader.class);

    private CheckpointReader() {
    }

    /**
     * Loads every tensor of the state dict in {@code checkpoint}.
     *
     * @throws CheckpointException if the file is missing, not a torch zip checkpoint, truncated, names a global
     *     outside the state-dict allow-list, or holds a tensor that is not a contiguous float32/int64 view
     */
    public static StateDict read(Path checkpoint) {
        if (!Files.isRegularFile(checkpoint)) {
            throw new CheckpointException("checkpoint file not found: " + checkpoint);
        }
        try (TorchArchive archive = TorchArchive.open(checkpoint)) {
            Map<String, StorageRef> storages = new HashMap<>();
            Object root = new PickleMachine(archive.pickle(), pid -> storageRef(pid, storages)).load();
            StateDict sd = assemble(root, archive, archive.byteOrder());
            log.debug("read {} from {}", sd, checkpoint);
            return sd;
        }
    }

    /** torch's persistent id: {@code ('storage', <storage type>, key, location, numel)}. */
    private static StorageRef storageRef(Object pid, Map<String, StorageRef> seen) {
        if (!(pid instanceof PickleTuple t) || t.size() != 5 || !"storage".equals(t.get(0))) {
            throw new CheckpointException("unexpected persistent id in pickle: expected ('storage', type, key, location, numel)");
        }
        if (!(t.get(1) instanceof StorageType type) || !(t.get(2) instanceof String key) || !(t.get(4) instanceof Long numel)) {
            throw new CheckpointException("malformed storage persistent id " + t.items());
        }
        if (numel < 0) {
            throw new CheckpointException("storage " + key + " declares a negative size " + numel);
        }
        StorageRef ref = new StorageRef(type, key, numel);
        StorageRef earlier = seen.putIfAbsent(key, ref);
        if (earlier != null && !earlier.equals(ref)) {
            throw new CheckpointException("storage " + key + " is declared twice with different types or sizes");
        }
        return ref;
    }

    private static StateDict assemble(Object root, TorchArchive archive, ByteOrder order) {
        if (!(root instanceof Map<?, ?> map)) {
            throw new CheckpointException("checkpoint does not hold a state dict but " + SafeGlobals.describe(root));
        }
        StateDict.Builder b = StateDict.builder();
        Map<String, ByteBuffer> loaded = new HashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new CheckpointException("state dict key " + e.getKey() + " is not a string");
            }
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new CheckpointException("state dict entry '" + key + "' is not a tensor but "
                        + SafeGlobals.describe(e.getValue()) + " (is this a full training checkpoint rather than a state_dict?)");
            }
            ByteBuffer storage = loaded.computeIfAbsent(t.storage().key(), k -> load(archive, t.storage(), order));
            switch (t.storage().type()) {
                case FLOAT -> b.put(key, new FloatArray(t.shape(), TensorViews.floats(key, t, storage)));
                case LONG -> b.put(key, new LongArray(t.shape(), TensorViews.longs(key, t, storage)));
                default -> throw new IllegalStateException("unhandled storage type " + t.storage().type());
            }
        }
        return b.build();
    }

    private static ByteBuffer load(TorchArchive archive, StorageRef ref, ByteOrder order) {
        long bytes = Math.multiplyExact(ref.numel(), (long) ref.type().elementBytes());
        return ByteBuffer.wrap(archive.storage(ref.key(), bytes)).order(order);
    }
}
