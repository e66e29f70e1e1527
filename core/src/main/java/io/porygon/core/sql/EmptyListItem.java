package io.porygon.core.sql;

/**
 * Finds two commas with nothing but blanks between them ({@code COALESCE(a,, b)}), which no GoogleSQL list allows, in the
 * lexer's output outside string literals, quoted names and comments: a parse error is then reported there rather than
 * where the parser gave up.
 */
final class EmptyListItem {
    private EmptyListItem() {}

    /** The offset of the second of two such commas in {@code sql}, or -1. */
    static int secondComma(String sql) {
        int lastComma = -1;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = LexedText.endOfQuoted(sql, i);
                lastComma = -1;
            } else if (c == '-' && sql.startsWith("--", i) || c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == ',') {
                if (lastComma >= 0) return i;
                lastComma = i;
            } else if (!Character.isWhitespace(c)) {
                lastComma = -1;
            }
        }
        return -1;
    }
}
