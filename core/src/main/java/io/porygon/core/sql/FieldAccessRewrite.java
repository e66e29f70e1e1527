package io.porygon.core.sql;

/**
 * A field read from a call or an index, {@code STRUCT<x INT64>(5).x}, {@code [STRUCT(1 AS x)][OFFSET(0)].x},
 * {@code STRUCT(... AS w).w.z}, which JSqlParser reads only through parentheses: written as
 * {@code ((expr).w).z}, the same reads. Works on the lexer's output, as a second try when a statement does
 * not parse.
 */
final class FieldAccessRewrite {
    private FieldAccessRewrite() {}

    /** The statement with each such read parenthesized, or null when there is none. */
    static String rewrite(String sql) {
        StringBuilder out = new StringBuilder(sql);
        boolean[] quoted = LexedText.quotedIndexes(sql);
        boolean changed = false;
        // from the end, so that the text before the index (and what is quoted in it) stays as it was
        for (int i = out.length() - 1; i >= 0; i--) {
            char c = out.charAt(i);
            if ((c != ')' && c != ']') || quoted[i]) continue;
            int chainEnd = fieldsAfter(out, i + 1);
            if (chainEnd < 0) continue;
            int start = primaryStart(out, i, quoted);
            if (start < 0) continue;
            String expression = out.substring(start, i + 1);
            StringBuilder wrapped = new StringBuilder();
            int at = i + 1;
            String[] fields = out.substring(at, chainEnd).replaceAll("\\s+", "").substring(1).split("\\.");
            wrapped.append("(".repeat(fields.length)).append(expression);
            for (String field : fields) wrapped.append(").").append(field);
            out.replace(start, chainEnd, wrapped.toString());
            changed = true;
            i = start;
        }
        return changed ? out.toString() : null;
    }

    /** The end of {@code .a.b} (names, spaces around the dots) at {@code from}, or -1 when no field follows. */
    private static int fieldsAfter(CharSequence sql, int from) {
        int i = from;
        int end = -1;
        while (true) {
            int j = i;
            while (j < sql.length() && sql.charAt(j) == ' ') j++;
            if (j >= sql.length() || sql.charAt(j) != '.') return end;
            j++;
            while (j < sql.length() && sql.charAt(j) == ' ') j++;
            int name = j;
            while (j < sql.length() && LexedText.isWordChar(sql.charAt(j))) j++;
            if (j == name || Character.isDigit(sql.charAt(name))) return end;
            end = j;
            i = j;
        }
    }

    /** Where the call, index or literal that ends at {@code close} starts, or -1. */
    private static int primaryStart(CharSequence sql, int close, boolean[] quoted) {
        int open = opening(sql, close, quoted);
        if (open < 0) return -1;
        int p = open;
        if (sql.charAt(close) == ']') {
            // an index of what comes before it ([...][OFFSET(0)], f(x)[0], t.arr[0]); else an array literal
            if (p > 0 && (sql.charAt(p - 1) == ']' || sql.charAt(p - 1) == ')')) return primaryStart(sql, p - 1, quoted);
            while (p > 0 && (LexedText.isWordChar(sql.charAt(p - 1)) || sql.charAt(p - 1) == '.')) p--;
            return p;
        }
        if (p > 0 && sql.charAt(p - 1) == '>') { // STRUCT<x INT64>(...)
            int depth = 0;
            for (int k = p - 1; k >= 0; k--) {
                if (sql.charAt(k) == '>') depth++;
                else if (sql.charAt(k) == '<' && --depth == 0) {
                    p = k;
                    break;
                }
            }
        }
        while (p > 0 && (LexedText.isWordChar(sql.charAt(p - 1)) || sql.charAt(p - 1) == '.')) p--;
        return p;
    }

    /** The bracket that {@code close} closes, or -1. */
    private static int opening(CharSequence sql, int close, boolean[] quoted) {
        char closing = sql.charAt(close);
        char open = closing == ')' ? '(' : '[';
        int depth = 0;
        for (int k = close; k >= 0; k--) {
            if (quoted[k]) continue;
            char c = sql.charAt(k);
            if (c == closing) depth++;
            else if (c == open && --depth == 0) return k;
        }
        return -1;
    }
}
