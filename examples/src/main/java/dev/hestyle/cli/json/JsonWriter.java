package dev.hestyle.cli.json;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and {@code null} as indented JSON. Map keys are
 * written in iteration order (use {@link java.util.LinkedHashMap} for a stable layout). Non-finite
 * numbers have no JSON spelling and are written as {@code null}; any other object as its string. Control
 * characters and unpaired surrogates are escaped, so the text survives encoding as UTF-8.
 */
public final class JsonWriter {
    private static final String INDENT = "  ";

    private JsonWriter() {
    }

    /** The JSON text of {@code value}, ending with a newline. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void append(StringBuilder sb, Object value, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Map<?, ?> map) {
            appendObject(sb, map, depth);
        } else if (value instanceof Iterable<?> list) {
            appendArray(sb, list.iterator(), depth);
        } else if (value instanceof Boolean b) {
            sb.append(b);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Number n) {
            sb.append(n);
        } else {
            appendString(sb, value.toString());
        }
    }

    private static void appendObject(StringBuilder sb, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append(INDENT.repeat(depth + 1));
            appendString(sb, String.valueOf(e.getKey()));
            sb.append(": ");
            append(sb, e.getValue(), depth + 1);
        }
        sb.append('\n').append(INDENT.repeat(depth)).append('}');
    }

    private static void appendArray(StringBuilder sb, Iterator<?> items, int depth) {
        if (!items.hasNext()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        boolean first = true;
        while (items.hasNext()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append(INDENT.repeat(depth + 1));
            append(sb, items.next(), depth + 1);
        }
        sb.append('\n').append(INDENT.repeat(depth)).append(']');
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        // a lone surrogate has no UTF-8 encoding: unescaped, it would turn into '?' on the wire
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
