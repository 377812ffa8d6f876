package dev.hestyle.mosaic.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 */
final class PickleMachine {
    private static final Object MARK = new Object();
    private static final int HIGHEST_PROTOCOL = 5;

    private final byte[] in;
    private final Function<Object, Object> persistentLoad;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int pos;

    /**
     * @param in the whole pickle
     * @param persistentLoad resolves a BINPERSID id (torch uses it for storages)
     */
    PickleMachine(byte[] in, Function<Object, Object> persistentLoad) {
        this.in = in;
        this.persistentLoad = persistentLoad;
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
            } catch (ClassCastException | IndexOutOfBoundsException e) {
                throw error("malformed pickle: opcode " + opName(op) + " found unexpected operands (" + e.getMessage() + ")", at);
            }
        }
    }

    @SuppressWarnings("unchecked")
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
            case 'q' -> memo.put((long) u8(), peek(at));
            case 'r' -> memo.put(u32(), peek(at));
            case 0x94 -> memo.put((long) memo.size(), peek(at)); // MEMOIZE
            case 'h' -> push(memoGet(u8(), at));
            case 'j' -> push(memoGet(u32(), at));
            case '(' -> marks.push(stack.size());
            case ')' -> push(new PickleTuple(List.of()));
            case 0x85 -> push(tupleOf(1));
            case 0x86 -> push(tupleOf(2));
            case 0x87 -> push(tupleOf(3));
            case 't' -> push(new PickleTuple(popToMark(at)));
            case ']' -> push(new ArrayList<>());
            case 'l' -> push(new ArrayList<>(popToMark(at)));
            case 'a' -> {
                Object v = pop();
                ((List<Object>) peek(at)).add(v);
            }
            case 'e' -> {
                List<Object> items = popToMark(at);
                ((List<Object>) peek(at)).addAll(items);
            }
            case '}' -> push(new LinkedHashMap<>());
            case 'd' -> push(dictOf(popToMark(at), new LinkedHashMap<>(), at));
            case 's' -> {
                Object v = pop();
                Object k = pop();
                ((Map<Object, Object>) peek(at)).put(k, v);
            }
            case 'u' -> {
                List<Object> items = popToMark(at);
                dictOf(items, (Map<Object, Object>) peek(at), at);
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
        push(callable.call(tuple));
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

    private Map<Object, Object> dictOf(List<Object> items, Map<Object, Object> into, int at) {
        if (items.size() % 2 != 0) {
            throw error("odd number of items for a dict", at);
        }
        for (int i = 0; i < items.size(); i += 2) {
            into.put(items.get(i), items.get(i + 1));
        }
        return into;
    }

    private PickleTuple tupleOf(int n) {
        if (stack.size() - currentMarkFloor() < n) {
            throw error("TUPLE" + n + " needs " + n + " values on the stack", pos - 1);
        }
        List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
        stack.subList(stack.size() - n, stack.size()).clear();
        return new PickleTuple(items);
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
        stack.add(o);
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

    private static String opName(int op) {
        String hex = String.format("0x%02x", op);
        return op >= 0x20 && op < 0x7f ? hex + " ('" + (char) op + "')" : hex;
    }
}
