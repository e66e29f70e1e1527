package io.porygon.core.sql;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named window inside parentheses, {@code OVER (w)}, {@code OVER (w ORDER BY x)} or {@code WINDOW w2 AS
 * (w1 ROWS ...)}, which JSqlParser cannot read (it reads {@code OVER w}): the name is replaced by its
 * definition, as BigQuery reads it (the parentheses add an ORDER BY or a frame to the named window's).
 * Works on the lexer's output, as a second try when a statement does not parse.
 */
final class NamedWindowRewrite {
    private static final Pattern WINDOW_CLAUSE = Pattern.compile("(?i)\\bWINDOW\\s+");
    private static final Pattern DEFINITION = Pattern.compile("(?i)\\s*(\\w+)\\s+AS\\s*\\(");
    /** Where a window's name may open a window specification: OVER ( and a definition's AS (. */
    private static final Pattern NAME_IN_PARENTHESES = Pattern.compile("(?i)\\b(OVER|AS)(\\s*\\(\\s*)(\\w+)\\b");
    private static final Set<String> SPEC_WORDS = Set.of("partition", "order", "rows", "range", "groups");

    private NamedWindowRewrite() {}

    /** The statement with each named window in parentheses replaced by its definition, or null when there is none. */
    static String rewrite(String sql) {
        Map<String, String> windows = definitions(sql);
        if (windows == null || windows.isEmpty()) return null;
        StringBuilder out = new StringBuilder();
        Matcher m = NAME_IN_PARENTHESES.matcher(sql);
        int from = 0;
        boolean changed = false;
        while (m.find()) {
            String name = m.group(3).toLowerCase(Locale.ROOT);
            if (!windows.containsKey(name) || LexedText.insideQuotes(sql, m.start())) continue;
            out.append(sql, from, m.start(3)).append(resolved(windows, name, 0));
            from = m.end(3);
            changed = true;
        }
        return changed ? out.append(sql.substring(from)).toString() : null;
    }

    /** Window name to its specification as written, from every WINDOW clause; null when a name has two. */
    private static Map<String, String> definitions(String sql) {
        Map<String, String> windows = new HashMap<>();
        Matcher clause = WINDOW_CLAUSE.matcher(sql);
        while (clause.find()) {
            if (LexedText.insideQuotes(sql, clause.start())) continue;
            int at = clause.end();
            Matcher definition = DEFINITION.matcher(sql);
            while (definition.region(at, sql.length()).lookingAt()) {
                int close = LexedText.firstAtDepth0(sql, definition.end(), i -> false);
                if (close >= sql.length()) return null;
                // on one line: the statement's later lines keep their numbers for error messages
                String spec = sql.substring(definition.end(), close).replaceAll("\\s+", " ").strip();
                String previous = windows.put(definition.group(1).toLowerCase(Locale.ROOT), spec);
                if (previous != null && !previous.equals(spec)) return null;
                at = close + 1;
                Matcher comma = Pattern.compile("\\s*,").matcher(sql).region(at, sql.length());
                if (!comma.lookingAt()) break;
                at = comma.end();
            }
        }
        return windows;
    }

    /** A window's specification with the window it starts from (if any) written out. */
    private static String resolved(Map<String, String> windows, String name, int depth) {
        String spec = windows.get(name);
        Matcher first = Pattern.compile("(?i)^(\\w+)\\b").matcher(spec);
        if (depth > windows.size() || !first.find()) return spec;
        String base = first.group(1).toLowerCase(Locale.ROOT);
        if (SPEC_WORDS.contains(base) || !windows.containsKey(base)) return spec;
        return (resolved(windows, base, depth + 1) + " " + spec.substring(first.end()).strip()).strip();
    }
}
