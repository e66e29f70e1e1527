package io.porygon.core.compile.json;

import java.util.List;
import java.util.Map;

/** A small JSON writer (no reflection, so no start-up cost): maps, lists, strings, numbers, booleans. */
public final class JsonWriter {
    private JsonWriter() {}

    public static String write(Object value, boolean pretty) {
        StringBuilder sb = new StringBuilder(4096);
        write(sb, value, pretty ? 0 : -1);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) sb.append("null"); // JSON has no NaN or Infinity; JSON.stringify writes null too
            else sb.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d));
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                newline(sb, indent + 1);
                string(sb, String.valueOf(e.getKey()));
                sb.append(indent >= 0 ? ": " : ":");
                write(sb, e.getValue(), indent < 0 ? -1 : indent + 1);
            }
            if (!m.isEmpty()) newline(sb, indent);
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(',');
                newline(sb, indent + 1);
                write(sb, l.get(i), indent < 0 ? -1 : indent + 1);
            }
            if (!l.isEmpty()) newline(sb, indent);
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void newline(StringBuilder sb, int indent) {
        if (indent < 0) return;
        sb.append('\n');
        sb.append("  ".repeat(indent));
    }

    /**
     * A JSON string literal, which is also a JavaScript one: U+2028 and U+2029 are escaped too, as
     * JavaScript before ES2019 (Rhino's) does not allow them raw in a string.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(sb, s);
        return sb.toString();
    }

    private static void string(StringBuilder sb, String s) {
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
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
