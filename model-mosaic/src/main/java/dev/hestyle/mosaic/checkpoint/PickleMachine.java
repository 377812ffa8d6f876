package dev.hestyle.mosaic.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A small pickle interpreter for the opcodes torch uses to save a state dict (protocol 2, plus the protocol 4/5
 * framing, memo and string opcodes so that files saved with a newer protocol read too). Globals go through
 * {@link SafeGlobals}; any opcode outside this subset (INST, OBJ, NEWOBJ, EXT*, ...) is an error. Values become
 * plain Java objects: {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@code null},
 * {@link PickleTuple}, {@link List}, {@link Map}.
 *
 * <p>Hostile pickles are contained as follows. The interpreter is a loop over the input with no recursion, and
 * nothing here hashes, compares or prints a container, so a structure shared many times over through memo
 * references (a DAG that would be exponentially large unfolded) costs only its size in the file. Dict keys must
 * be scalars (str, int, float, bool, None), whose hash is linear in their size. A list or dict may not be
 * changed once it sits inside another container, which is what a recursive (self-referential) structure needs
 * and a state dict never has, so every value is a finite tree of known height, bounded by
 * {@link CheckpointLimits#maxNesting()}. The memo slots and the values pushed or inserted (shared references
 * included) are counted against {@link CheckpointLimits}. Any failure is a {@link CheckpointException}.
 */
final class PickleMachine {
    private static final int HIGHEST_PROTOCOL = 5;

    private final byte[] in;
    private final Function<Object, Object> persistentLoad;
    private final CheckpointLimits limits;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    /** Every list and dict this pickle built, by identity. */
    private final Map<Object, Container> containers = new IdentityHashMap<>();
    private long values;
    private int pos;

    /** Nesting height of a list or dict, and whether it has been placed inside another container. */
    private static final class Container {
        int height = 1;
        boolean sealed;
    }

    /**
     * @param in the whole pickle
     * @param persistentLoad resolves a BINPERSID id (torch uses it for storages)
     * @param limits the memo, value and nesting bounds
     */
    PickleMachine(byte[] in, Function<Object, Object> persistentLoad, CheckpointLimits limits) {
        this.in = in;
        this.persistentLoad = persistentLoad;
        this.limits = limits;
    }

    /** Runs to STOP and returns the pickled object. */
    Object load() {
        while (true) {
            int at = pos;
            int op = u8();
            if (op == '.') {
                if (stack.size() != 1 || !marks.isEmpty()) {
                    throw error("STOP with " + stack.size() + " values on the stack", at);
                }
                return stack.get(0);
            }
            try {
                step(op, at);
            } catch (CheckpointException e) {
                throw e;
            } catch (RuntimeException e) {
                // a safety net: every operand is checked above, so this is a gap in those checks
                throw new CheckpointException("malformed pickle: opcode " + opName(op) + " found unexpected operands ("
                        + e.getClass().getSimpleName() + ") at pickle offset " + at, e);
            }
        }
    }

    private void step(int op, int at) {
        switch (op) {
            case 0x80 -> {
                int proto = u8();
                if (proto > HIGHEST_PROTOCOL) {
                    throw error("unsupported pickle protocol " + proto, at);
                }
            }
            case 0x95 -> bytes(8); // FRAME: only a read-ahead hint
            case 'c' -> push(SafeGlobals.resolve(line(), line()));
            case 0x93 -> { // STACK_GLOBAL
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw error("STACK_GLOBAL needs two strings", at);
                }
                push(SafeGlobals.resolve(m, n));
            }
            case 'q' -> memoPut(u8(), at);
            case 'r' -> memoPut(u32(), at);
            case 0x94 -> memoPut(memo.size(), at); // MEMOIZE
            case 'h' -> push(memoGet(u8(), at));
            case 'j' -> push(memoGet(u32(), at));
            case '(' -> {
                if (marks.size() >= limits.maxNesting()) {
                    throw limit("maxNesting", "pickle opens more than " + limits.maxNesting() + " nested MARKs", at);
                }
                count(at);
                marks.push(stack.size());
            }
            case ')' -> push(tuple(List.of(), at));
            case 0x85 -> push(tupleOf(1, at));
            case 0x86 -> push(tupleOf(2, at));
            case 0x87 -> push(tupleOf(3, at));
            case 't' -> push(tuple(popToMark(at), at));
            case ']' -> push(newList());
            case 'l' -> {
                List<Object> items = popToMark(at);
                List<Object> list = newList();
                for (Object item : items) {
                    insert(list, item, at);
                    list.add(item);
                }
                push(list);
            }
            case 'a' -> {
                Object v = pop();
                List<Object> list = listOnTop("APPEND", at);
                insert(list, v, at);
                list.add(v);
            }
            case 'e' -> {
                List<Object> items = popToMark(at);
                List<Object> list = listOnTop("APPENDS", at);
                for (Object item : items) {
                    insert(list, item, at);
                    list.add(item);
                }
            }
            case '}' -> push(newDict());
            case 'd' -> {
                List<Object> items = popToMark(at);
                Map<Object, Object> dict = newDict();
                setItems(dict, items, at);
                push(dict);
            }
            case 's' -> {
                Object v = pop();
                Object k = pop();
                setItem(dictOnTop("SETITEM", at), k, v, at);
            }
            case 'u' -> {
                List<Object> items = popToMark(at);
                setItems(dictOnTop("SETITEMS", at), items, at);
            }
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'K' -> push((long) u8());
            case 'M' -> push((long) (u8() | (u8() << 8)));
            case 'J' -> push((long) (int) u32());
            case 0x8a -> push(long1(at));
            case 'G' -> push(Double.longBitsToDouble(be64()));
            case 'X' -> push(utf8(u32(), at));
            case 0x8c -> push(utf8(u8(), at));
            case 0x8d -> push(utf8(le64(), at));
            case 'T' -> push(latin1(u32(), at));
            case 'U' -> push(latin1(u8(), at));
            case 'Q' -> push(persistentLoad.apply(pop()));
            case 'R' -> reduce(at);
            case 'b' -> build(at);
            default -> throw error("unsupported pickle opcode " + opName(op)
                    + " (a torch state dict does not use it)", at);
        }
    }

    private void reduce(int at) {
        Object args = pop();
        Object fn = pop();
        if (!(fn instanceof PickleCallable callable)) {
            throw error("REDUCE on " + SafeGlobals.describe(fn) + ", which is not an allowed callable", at);
        }
        if (!(args instanceof PickleTuple tuple)) {
            throw error("REDUCE arguments are not a tuple", at);
        }
        Object result = callable.call(tuple);
        if (result instanceof Map) {
            containers.put(result, new Container()); // collections.OrderedDict(): a fresh, empty dict
        }
        push(result);
    }

    /** BUILD is only accepted for an ordered dict's attribute dict (torch stores {@code _metadata} there); ignored. */
    private void build(int at) {
        Object state = pop();
        Object target = peek(at);
        if (!(target instanceof Map) || !(state instanceof Map)) {
            throw error("BUILD on " + SafeGlobals.describe(target) + " with " + SafeGlobals.describe(state)
                    + " is not part of a state dict", at);
        }
    }

    private List<Object> newList() {
        List<Object> list = new ArrayList<>();
        containers.put(list, new Container());
        return list;
    }

    private Map<Object, Object> newDict() {
        Map<Object, Object> dict = new LinkedHashMap<>();
        containers.put(dict, new Container());
        return dict;
    }

    @SuppressWarnings("unchecked")
    private List<Object> listOnTop(String opcode, int at) {
        Object top = peek(at);
        if (!(top instanceof List) || !containers.containsKey(top)) {
            throw error(opcode + " to " + SafeGlobals.describe(top) + ", which is not a list", at);
        }
        return (List<Object>) top;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dictOnTop(String opcode, int at) {
        Object top = peek(at);
        if (!(top instanceof Map) || !containers.containsKey(top)) {
            throw error(opcode + " to " + SafeGlobals.describe(top) + ", which is not a dict", at);
        }
        return (Map<Object, Object>) top;
    }

    private void setItems(Map<Object, Object> dict, List<Object> items, int at) {
        if (items.size() % 2 != 0) {
            throw error("odd number of items for a dict", at);
        }
        for (int i = 0; i < items.size(); i += 2) {
            setItem(dict, items.get(i), items.get(i + 1), at);
        }
    }

    private void setItem(Map<Object, Object> dict, Object key, Object value, int at) {
        if (!(key == null || key instanceof String || key instanceof Long || key instanceof Double || key instanceof Boolean)) {
            throw error("dict key is " + SafeGlobals.describe(key) + "; only str, int, float, bool or None keys are "
                    + "supported (a state dict's keys are strings)", at);
        }
        insert(dict, value, at);
        dict.put(key, value);
    }

    /**
     * Accounts for placing {@code child} inside {@code parent}: refuses changing a container that already sits
     * inside another one, or itself, and nesting beyond the limit; then seals {@code child}.
     */
    private void insert(Object parent, Object child, int at) {
        Container p = containers.get(parent);
        if (p.sealed) {
            throw error("a list or dict is changed after it was placed inside another container; recursive "
                    + "(self-referential) structures are not supported and a state dict has none", at);
        }
        if (child == parent) {
            throw error("a list or dict would contain itself; recursive structures are not supported", at);
        }
        int h = height(child) + 1;
        if (h > limits.maxNesting()) {
            throw limit("maxNesting", "pickle nests containers more than " + limits.maxNesting() + " deep", at);
        }
        p.height = Math.max(p.height, h);
        seal(child);
        count(at);
    }

    private void seal(Object o) {
        Container c = containers.get(o);
        if (c != null) {
            c.sealed = true;
        }
    }

    private int height(Object o) {
        if (o instanceof PickleTuple t) {
            return t.height();
        }
        Container c = containers.get(o);
        return c == null ? 0 : c.height;
    }

    private PickleTuple tuple(List<Object> items, int at) {
        int h = 0;
        for (Object item : items) {
            h = Math.max(h, height(item));
        }
        if (h + 1 > limits.maxNesting()) {
            throw limit("maxNesting", "pickle nests containers more than " + limits.maxNesting() + " deep", at);
        }
        for (Object item : items) {
            seal(item);
            count(at);
        }
        return new PickleTuple(items, h + 1);
    }

    private PickleTuple tupleOf(int n, int at) {
        if (stack.size() - currentMarkFloor() < n) {
            throw error("TUPLE" + n + " needs " + n + " values on the stack", at);
        }
        List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
        stack.subList(stack.size() - n, stack.size()).clear();
        return tuple(items, at);
    }

    private List<Object> popToMark(int at) {
        if (marks.isEmpty()) {
            throw error("no MARK on the stack", at);
        }
        int from = marks.pop();
        List<Object> items = new ArrayList<>(stack.subList(from, stack.size()));
        stack.subList(from, stack.size()).clear();
        return items;
    }

    private int currentMarkFloor() {
        return marks.isEmpty() ? 0 : marks.peek();
    }

    private void push(Object o) {
        count(pos - 1);
        stack.add(o);
    }

    private void count(int at) {
        if (++values > limits.maxPickleValues()) {
            throw limit("maxPickleValues", "pickle holds more than " + limits.maxPickleValues() + " values", at);
        }
    }

    private Object pop() {
        if (stack.size() <= currentMarkFloor()) {
            throw error("stack underflow", pos - 1);
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek(int at) {
        if (stack.size() <= currentMarkFloor()) {
            throw error("stack underflow", at);
        }
        return stack.get(stack.size() - 1);
    }

    private void memoPut(long index, int at) {
        Object top = peek(at);
        if (!memo.containsKey(index) && memo.size() >= limits.maxMemoEntries()) {
            throw limit("maxMemoEntries", "pickle stores more than " + limits.maxMemoEntries() + " memo entries", at);
        }
        memo.put(index, top);
    }

    private Object memoGet(long index, int at) {
        if (!memo.containsKey(index)) {
            throw error("memo entry " + index + " was never stored", at);
        }
        return memo.get(index);
    }

    private Long long1(int at) {
        int n = u8();
        if (n > 8) {
            throw error("integer of " + n + " bytes is too large for a state dict", at);
        }
        byte[] b = bytes(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        if (n > 0 && n < 8 && (b[n - 1] & 0x80) != 0) {
            v -= 1L << (8 * n); // two's complement sign
        }
        return v;
    }

    private String utf8(long length, int at) {
        return new String(bytes(checkLength(length, at)), StandardCharsets.UTF_8);
    }

    private String latin1(long length, int at) {
        return new String(bytes(checkLength(length, at)), StandardCharsets.ISO_8859_1);
    }

    private int checkLength(long length, int at) {
        if (length < 0 || length > in.length - pos) {
            throw error("string of " + length + " bytes runs past the end of the pickle (truncated?)", at);
        }
        return (int) length;
    }

    private String line() {
        int start = pos;
        while (pos < in.length && in[pos] != '\n') {
            pos++;
        }
        if (pos >= in.length) {
            throw error("pickle ends inside a GLOBAL name (truncated?)", start);
        }
        String s = new String(in, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private int u8() {
        need(1);
        return in[pos++] & 0xFF;
    }

    private long u32() {
        byte[] b = bytes(4);
        return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
    }

    private long le64() {
        byte[] b = bytes(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    private long be64() {
        byte[] b = bytes(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(in, pos, b, 0, n);
        pos += n;
        return b;
    }

    private void need(int n) {
        if (in.length - pos < n) {
            throw error("pickle data ends unexpectedly (truncated?) after " + in.length + " bytes", pos);
        }
    }

    private CheckpointException error(String message, int at) {
        return new CheckpointException(message + " at pickle offset " + at);
    }

    private static CheckpointLimitException limit(String name, String message, int at) {
        return new CheckpointLimitException(name, message + " at pickle offset " + at);
    }

    private static String opName(int op) {
        String hex = String.format("0x%02x", op);
        return op >= 0x20 && op < 0x7f ? hex + " ('" + (char) op + "')" : hex;
    }
}
