package io.porygon.core.run;

/**
 * Where GoogleSQL's string literals and comments end, for the scans over a model's SQL text that
 * must not look inside them (finding a name the warehouse complained about, rewriting table names).
 */
final class SqlText {
    private SqlText() {}

    /**
     * The index just after the string literal ({@code '...'}, {@code "..."}, triple-quoted, with
     * backslash escapes) or comment ({@code --}, {@code #}, {@code /* *}{@code /}) that starts at
     * {@code i}, or {@code i} itself when none starts there. An unterminated one runs to the end.
     */
    static int endOfLiteralOrComment(String sql, int i) {
        char c = sql.charAt(i);
        if (sql.startsWith("--", i) || c == '#') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? sql.length() : end;
        }
        if (sql.startsWith("/*", i)) {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        if (sql.startsWith("'''", i) || sql.startsWith("\"\"\"", i)) {
            String quotes = sql.substring(i, i + 3);
            int end = i + 3;
            while (end < sql.length() && !sql.startsWith(quotes, end)) end += sql.charAt(end) == '\\' ? 2 : 1;
            return Math.min(end + 3, sql.length());
        }
        if (c == '\'' || c == '"') {
            int end = i + 1;
            while (end < sql.length() && sql.charAt(end) != c) end += sql.charAt(end) == '\\' ? 2 : 1;
            return Math.min(end + 1, sql.length());
        }
        return i;
    }
}
