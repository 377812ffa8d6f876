package dev.hestyle.mosaic.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
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
 *
 * <p>The file is treated as untrusted: whatever its content, reading it either returns a state dict or throws a
 * {@link CheckpointException} ({@link CheckpointLimitException} when it exceeds a {@link CheckpointLimits}
 * bound), within time and memory that the limits bound.
 */
public final class CheckpointReader {
    private static final Logger log = LoggerFactory.getLogger(CheckpointReader.class);

    private CheckpointReader() {
    }

    /**
     * Loads every tensor of the state dict in {@code checkpoint}, within {@link CheckpointLimits#DEFAULT}.
     *
     * @throws CheckpointException if the file is missing, not a torch zip checkpoint, truncated, names a global
     *     outside the state-dict allow-list, holds a tensor that is not a contiguous float32/int64 view, or
     *     exceeds a limit ({@link CheckpointLimitException})
     */
    public static StateDict read(Path checkpoint) {
        return read(checkpoint, CheckpointLimits.DEFAULT);
    }

    /** As {@link #read(Path)}, within {@code limits}. */
    public static StateDict read(Path checkpoint, CheckpointLimits limits) {
        if (!Files.isRegularFile(checkpoint)) {
            throw new CheckpointException("checkpoint file not found: " + checkpoint);
        }
        RandomAccessBytes file;
        try {
            file = RandomAccessBytes.open(checkpoint);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + checkpoint + ": " + e, e);
        }
        StateDict sd = read(file, checkpoint.toString(), limits);
        log.debug("read {} from {}", sd, checkpoint);
        return sd;
    }

    /** The state dict in the bytes of a checkpoint file, within {@link CheckpointLimits#DEFAULT}. */
    public static StateDict read(byte[] checkpoint) {
        return read(checkpoint, CheckpointLimits.DEFAULT);
    }

    /** The state dict in the bytes of a checkpoint file, within {@code limits}. */
    public static StateDict read(byte[] checkpoint, CheckpointLimits limits) {
        return read(RandomAccessBytes.of(checkpoint), "<" + checkpoint.length + " bytes>", limits);
    }

    /** The state dict in a checkpoint read from {@code in} (not closed), within {@code limits}. */
    public static StateDict read(InputStream in, CheckpointLimits limits) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) Math.min(limits.maxFileBytes() + 1, CheckpointLimits.MAX_ARRAY));
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint stream: " + e, e);
        }
        if (bytes.length > limits.maxFileBytes()) {
            throw new CheckpointLimitException("maxFileBytes", "checkpoint stream has more than the "
                    + limits.maxFileBytes() + " bytes allowed");
        }
        return read(bytes, limits);
    }

    private static StateDict read(RandomAccessBytes bytes, String name, CheckpointLimits limits) {
        try (TorchArchive archive = TorchArchive.open(bytes, name, limits)) {
            Map<String, StorageRef> storages = new HashMap<>();
            Object root = new PickleMachine(archive.pickle(), pid -> storageRef(pid, storages), limits).load();
            return assemble(root, archive, archive.byteOrder());
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) {
            // a safety net: every check above is meant to throw CheckpointException itself
            throw new CheckpointException("malformed checkpoint " + name + ": unexpected " + e, e);
        }
    }

    /** torch's persistent id: {@code ('storage', <storage type>, key, location, numel)}. */
    static StorageRef storageRef(Object pid, Map<String, StorageRef> seen) {
        if (!(pid instanceof PickleTuple t) || t.size() != 5 || !"storage".equals(t.get(0))) {
            throw new CheckpointException("unexpected persistent id in pickle: expected ('storage', type, key, location, numel)");
        }
        if (!(t.get(1) instanceof StorageType type) || !(t.get(2) instanceof String key) || !(t.get(4) instanceof Long numel)) {
            throw new CheckpointException("malformed storage persistent id ("
                    + t.items().stream().map(SafeGlobals::describe).collect(Collectors.joining(", ")) + ")");
        }
        if (numel < 0) {
            throw new CheckpointException("storage " + SafeGlobals.abbreviate(key) + " declares a negative size " + numel);
        }
        StorageRef ref = new StorageRef(type, key, numel);
        StorageRef earlier = seen.putIfAbsent(key, ref);
        if (earlier != null && !earlier.equals(ref)) {
            throw new CheckpointException("storage " + SafeGlobals.abbreviate(key) + " is declared twice with different types or sizes");
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
                throw new CheckpointException("state dict key is " + SafeGlobals.describe(e.getKey()) + ", not a string");
            }
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new CheckpointException("state dict entry '" + SafeGlobals.abbreviate(key) + "' is not a tensor but "
                        + SafeGlobals.describe(e.getValue()) + " (is this a full training checkpoint rather than a state_dict?)");
            }
            ByteBuffer storage = loaded.computeIfAbsent(t.storage().key(), k -> load(archive, t.storage(), order));
            switch (t.storage().type()) {
                case FLOAT -> b.put(key, FloatArray.adopt(t.shape(), TensorViews.floats(key, t, storage)));
                case LONG -> b.put(key, new LongArray(t.shape(), TensorViews.longs(key, t, storage)));
                default -> throw new CheckpointException("unhandled storage type " + t.storage().type());
            }
        }
        return b.build();
    }

    private static ByteBuffer load(TorchArchive archive, StorageRef ref, ByteOrder order) {
        return ByteBuffer.wrap(archive.storage(ref.key(), ref.numel(), ref.type().elementBytes())).order(order);
    }
}
