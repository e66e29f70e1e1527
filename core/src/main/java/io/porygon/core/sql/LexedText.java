package io.porygon.core.sql;

import java.util.function.IntPredicate;

/** Scanning the lexer's output: string literals single-quoted, identifiers double-quoted. */
final class LexedText {
    private LexedText() {}

    /** The index of the quote that closes the literal or identifier opened at {@code open} ('' and \' inside), or the last index. */
    static int endOfQuoted(String sql, int open) {
        char q = sql.charAt(open);
        for (int i = open + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\\') i++;
            else if (c == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) i++;
                else return i;
            }
        }
        return sql.length() - 1;
    }

    /**
     * The first index from {@code from}, outside quotes and at parenthesis depth 0, where {@code stop}
     * holds, or of a ')' that closes below depth 0; the text's length when there is none.
     */
    static int firstAtDepth0(String sql, int from, IntPredicate stop) {
        int depth = 0;
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = endOfQuoted(sql, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return i;
            } else if (depth == 0 && stop.test(i)) {
                return i;
            }
        }
        return sql.length();
    }

    /** Whether {@code at} is inside a string literal or quoted identifier. */
    static boolean insideQuotes(String sql, int at) {
        for (int i = 0; i < at; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = endOfQuoted(sql, i);
                if (i >= at) return true;
            }
        }
        return false;
    }

    /** For each index of the text, whether it is inside a string literal or quoted identifier (its quotes included). */
    static boolean[] quotedIndexes(String sql) {
        boolean[] quoted = new boolean[sql.length()];
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfQuoted(sql, i);
                for (int k = i; k <= end; k++) quoted[k] = true;
                i = end;
            }
        }
        return quoted;
    }

    /**
     * For each index of the text (and its end), how many parentheses are open there, quotes aside; a
     * parenthesis is inside the pair it belongs to.
     */
    static int[] depths(String sql) {
        boolean[] quoted = quotedIndexes(sql);
        int[] depths = new int[sql.length() + 1];
        int depth = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (!quoted[i] && c == '(') depth++;
            depths[i] = depth;
            if (!quoted[i] && c == ')') depth--;
        }
        depths[sql.length()] = depth;
        return depths;
    }

    /** How many line breaks {@code text} has before index {@code end}: the line offset of what starts there. */
    static int lineBreaks(String text, int end) {
        int n = 0;
        for (int i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
        return n;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
