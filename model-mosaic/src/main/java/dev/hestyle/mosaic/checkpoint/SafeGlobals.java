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
    /** Most dimensions a tensor may have (torch itself allows 64; a style network uses at most 4). */
    static final int MAX_RANK = 32;
    /** How much of a name from the file goes into a message. */
    private static final int MAX_QUOTED = 120;

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
            throw new CheckpointException("unsupported storage type in checkpoint: torch." + abbreviate(name)
                    + " (only float32 torch.FloatStorage and int64 torch.LongStorage tensors are supported)");
        }
        throw new CheckpointException("refusing pickle global '" + abbreviate(qualified) + "': a state dict needs only "
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
        if (size.size() > MAX_RANK) {
            throw new CheckpointException("_rebuild_tensor_v2: tensor of " + size.size() + " dimensions; at most " + MAX_RANK
                    + " are supported");
        }
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
        if (t.size() > MAX_RANK) {
            throw new CheckpointException("_rebuild_tensor_v2: " + what + " has " + t.size() + " dimensions; at most "
                    + MAX_RANK + " are supported");
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

    /** Python type names of the values a pickle can produce, most specific first. */
    private static final List<Map.Entry<Class<?>, String>> TYPE_NAMES = List.of(Map.entry(Map.class, "a dict"),
            Map.entry(List.class, "a list"), Map.entry(PickleTuple.class, "a tuple"), Map.entry(String.class, "a str"),
            Map.entry(Long.class, "an int"), Map.entry(Double.class, "a float"), Map.entry(Boolean.class, "a bool"),
            Map.entry(TensorRef.class, "a tensor"), Map.entry(StorageRef.class, "a storage"),
            Map.entry(PickleCallable.class, "an allowed callable"));

    /** The Python type of {@code o}, for messages; never its contents, which may be huge or shared many times. */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof StorageType t) {
            return "the class torch." + t.torchName();
        }
        for (Map.Entry<Class<?>, String> e : TYPE_NAMES) {
            if (e.getKey().isInstance(o)) {
                return e.getValue();
            }
        }
        return "a " + o.getClass().getSimpleName();
    }

    /** {@code s} cut to a length fit for a message, e.g. a dict key or storage name read from the file. */
    static String abbreviate(String s) {
        if (s.length() <= MAX_QUOTED) {
            return s;
        }
        return s.substring(0, MAX_QUOTED) + "... (" + s.length() + " characters)";
    }
}
