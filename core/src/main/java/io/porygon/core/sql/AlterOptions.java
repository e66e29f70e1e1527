package io.porygon.core.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code SET OPTIONS (...)} and {@code ALTER COLUMN c SET OPTIONS (...)} actions of an ALTER TABLE with
 * several actions, taken out before parsing: they only set BigQuery metadata, and JSqlParser would read the
 * actions after a {@code SET OPTIONS} into it. Works on the lexer's output.
 */
final class AlterOptions {
    private static final Pattern ALTER_TABLE = Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\b");
    private static final Pattern OPTIONS_ACTION = Pattern.compile(
            "(?i)(,\\s*)?(?:ALTER\\s+COLUMN\\s+(?:IF\\s+EXISTS\\s+)?(?:\"[^\"]*\"|\\w+)\\s+)?SET\\s+OPTIONS\\s*\\(");

    private AlterOptions() {}

    /** The statement without its options actions, or as it was when it is no ALTER TABLE or has none. */
    static String withoutOptionActions(String sql) {
        if (!ALTER_TABLE.matcher(sql).find()) return sql;
        StringBuilder out = new StringBuilder(sql);
        Matcher m = OPTIONS_ACTION.matcher(out);
        int from = 0;
        while (m.find(from)) {
            if (LexedText.insideQuotes(out.toString(), m.start())) {
                from = m.end();
                continue;
            }
            int close = LexedText.firstAtDepth0(out.toString(), m.end(), i -> false);
            if (close >= out.length()) return sql;
            int end = close + 1;
            if (m.group(1) == null) {
                // the first action: the comma after it goes instead
                Matcher comma = Pattern.compile("\\s*,").matcher(out).region(end, out.length());
                if (comma.lookingAt()) end = comma.end();
            }
            int at = m.start();
            out.replace(at, end, m.group(1) == null ? "" : " ");
            m = OPTIONS_ACTION.matcher(out);
            from = at;
        }
        return out.toString();
    }
}
