package dev.hestyle.mosaic.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The allow-list of pickle globals. A state dict needs only an ordered dict, the tensor rebuild function and
 * storage class markers; every other global (e.g. {@code os.system}, {@code builtins.eval}) is refused when it is
 * read, before any REDUCE could apply it. The allowed ones are re-implemented here, nothing is resolved
 * reflectively.
 */
final class SafeGlobals {
    static final String ALLOWED = "collections.OrderedDict, torch._utils._rebuild_tensor_v2, "
            + "torch._utils._rebuild_parameter, torch.FloatStorage, torch.LongStorage";

    private SafeGlobals() {
    }

    /** The Java stand-in for {@code module.name}: a {@link PickleCallable} or a {@link StorageType}. */
    static Object resolve(String module, String name) {
        String qualified = module + "." + name;
        switch (qualified) {
            case "collections.OrderedDict":
                return (PickleCallable) SafeGlobals::orderedDict;
            case "torch._utils._rebuild_tensor_v2":
                return (PickleCallable) SafeGlobals::rebuildTensor;
            case "torch._utils._rebuild_parameter":
                return (PickleCallable) SafeGlobals::rebuildParameter;
            default:
                break;
        }
        if (module.equals("torch") && name.endsWith("Storage")) {
            StorageType t = StorageType.byTorchName(name);
            if (t != null) {
                return t;
            }
            throw new CheckpointException("unsupported storage type in checkpoint: torch." + name
                    + " (only float32 torch.FloatStorage and int64 torch.LongStorage tensors are supported)");
        }
        throw new CheckpointException("refusing pickle global '" + qualified + "': a state dict needs only "
                + ALLOWED + "; the checkpoint may be malicious and nothing in it was executed");
    }

    private static Object orderedDict(PickleTuple args) {
        if (args.size() != 0) {
            throw new CheckpointException("collections.OrderedDict called with " + args.size() + " arguments, expected none");
        }
        return new LinkedHashMap<Object, Object>();
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private static Object rebuildTensor(PickleTuple args) {
        if (args.size() < 6 || args.size() > 7) {
            throw new CheckpointException("_rebuild_tensor_v2 called with " + args.size() + " arguments, expected 6 or 7");
        }
        if (!(args.get(0) instanceof StorageRef storage)) {
            throw new CheckpointException("_rebuild_tensor_v2: first argument is not a storage reference but " + describe(args.get(0)));
        }
        long offset = toLong(args.get(1), "storage offset");
        List<Long> size = longs(args.get(2), "size");
        List<Long> stride = longs(args.get(3), "stride");
        if (size.size() != stride.size()) {
            throw new CheckpointException("_rebuild_tensor_v2: size " + size + " and stride " + stride + " differ in rank");
        }
        int[] shape = new int[size.size()];
        long[] strides = new long[size.size()];
        for (int i = 0; i < shape.length; i++) {
            long d = size.get(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new CheckpointException("_rebuild_tensor_v2: bad dimension " + d + " in size " + size);
            }
            shape[i] = (int) d;
            strides[i] = stride.get(i);
        }
        if (offset < 0) {
            throw new CheckpointException("_rebuild_tensor_v2: negative storage offset " + offset);
        }
        return new TensorRef(storage, offset, shape, strides);
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks)}: a parameter is its tensor here. */
    private static Object rebuildParameter(PickleTuple args) {
        if (args.size() != 3 || !(args.get(0) instanceof TensorRef t)) {
            throw new CheckpointException("_rebuild_parameter expects (tensor, requires_grad, hooks), got " + args.size() + " arguments");
        }
        return t;
    }

    private static List<Long> longs(Object o, String what) {
        if (!(o instanceof PickleTuple t)) {
            throw new CheckpointException("_rebuild_tensor_v2: " + what + " is not a tuple but " + describe(o));
        }
        List<Long> out = new ArrayList<>(t.size());
        for (Object item : t.items()) {
            out.add(toLong(item, what));
        }
        return out;
    }

    private static long toLong(Object o, String what) {
        if (o instanceof Long l) {
            return l;
        }
        throw new CheckpointException("_rebuild_tensor_v2: " + what + " is not an integer but " + describe(o));
    }

    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Map) {
            return "a dict";
        }
        return "a " + o.getClass().getSimpleName();
    }
}
