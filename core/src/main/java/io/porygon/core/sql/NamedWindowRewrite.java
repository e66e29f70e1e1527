package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named window inside parentheses, {@code OVER (w)}, {@code OVER (w ORDER BY x)} or {@code WINDOW w2 AS
 * (w1 ROWS ...)}, which JSqlParser cannot read (it reads {@code OVER w}): the name is replaced by its
 * definition, as BigQuery reads it (the parentheses add an ORDER BY or a frame to the named window's).
 * A window defined as another's bare name, {@code WINDOW c AS b}, is first written {@code c AS (b)}.
 * Works on the lexer's output, as a second try when a statement does not parse.
 */
final class NamedWindowRewrite {
    private static final Pattern WINDOW_CLAUSE = Pattern.compile("(?i)\\bWINDOW\\s+");
    private static final Pattern DEFINITION = Pattern.compile("(?i)\\s*(\\w+)\\s+AS\\s*\\(");
    private static final Pattern COMMA = Pattern.compile("\\s*,");
    /** Where a window's name may open a window specification: OVER ( and a definition's AS (. */
    private static final Pattern NAME_IN_PARENTHESES = Pattern.compile("(?i)\\b(OVER|AS)(\\s*\\(\\s*)(\\w+)\\b");
    private static final Set<String> SPEC_WORDS = Set.of("partition", "order", "rows", "range", "groups");

    private NamedWindowRewrite() {}

    /** The statement with each named window in parentheses replaced by its definition, or null when there is none. */
    static String rewrite(String written) {
        String aliased = parenthesizeAliases(written);
        String sql = aliased == null ? written : aliased;
        List<Definition> windows = definitions(sql);
        if (windows == null || windows.isEmpty()) return aliased;
        StringBuilder out = new StringBuilder();
        Matcher m = NAME_IN_PARENTHESES.matcher(sql);
        int from = 0;
        boolean changed = false;
        int[] depths = LexedText.depths(sql);
        while (m.find()) {
            Definition window = definitionFor(windows, m.group(3), m.start(), depths);
            if (window == null || LexedText.insideQuotes(sql, m.start())) continue;
            out.append(sql, from, m.start(3)).append(resolved(windows, window, depths, 0));
            from = m.end(3);
            changed = true;
        }
        return changed ? out.append(sql.substring(from)).toString() : aliased;
    }

    /** A definition that is another window's bare name, {@code c AS b}: BigQuery's grammar allows it, JSqlParser does not. */
    private static final Pattern ALIAS = Pattern.compile("(?i)\\s*\\w+\\s+AS\\s+(\\w+)\\b");

    /**
     * The statement with each {@code WINDOW ... c AS b} written {@code c AS (b)}, which means the same (a window
     * defined as b with nothing added), or null when there is none. Only parentheses are added: line numbers stay.
     */
    private static String parenthesizeAliases(String sql) {
        List<int[]> names = new ArrayList<>();
        Matcher clause = WINDOW_CLAUSE.matcher(sql);
        while (clause.find()) {
            if (LexedText.insideQuotes(sql, clause.start())) continue;
            int at = clause.end();
            while (true) {
                Matcher definition = DEFINITION.matcher(sql).region(at, sql.length());
                Matcher alias = ALIAS.matcher(sql).region(at, sql.length());
                if (definition.lookingAt()) {
                    at = LexedText.firstAtDepth0(sql, definition.end(), i -> false);
                    if (at >= sql.length()) return null;
                    at++;
                } else if (alias.lookingAt()) {
                    names.add(new int[] {alias.start(1), alias.end(1)});
                    at = alias.end();
                } else {
                    break;
                }
                Matcher comma = COMMA.matcher(sql).region(at, sql.length());
                if (!comma.lookingAt()) break;
                at = comma.end();
            }
        }
        if (names.isEmpty()) return null;
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int[] name : names) {
            out.append(sql, from, name[0]).append('(').append(sql, name[0], name[1]).append(')');
            from = name[1];
        }
        return out.append(sql.substring(from)).toString();
    }

    /** A {@code name AS (spec)} of a WINDOW clause, at {@code position} of the statement. */
    private record Definition(String name, String spec, int position) {}

    /** Every WINDOW clause's definitions, in the order written; null when one cannot be read. */
    private static List<Definition> definitions(String sql) {
        List<Definition> windows = new ArrayList<>();
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
                windows.add(new Definition(definition.group(1).toLowerCase(Locale.ROOT), spec, definition.start()));
                at = close + 1;
                Matcher comma = COMMA.matcher(sql).region(at, sql.length());
                if (!comma.lookingAt()) break;
                at = comma.end();
            }
        }
        return windows;
    }

    /**
     * The definition a use of window {@code name} at {@code position} reads: the WINDOW clause of its own SELECT,
     * which follows the use at the same parenthesis depth before any parenthesis closes below it (a subquery's
     * clause sits deeper, an enclosing query's after a closing one).
     */
    private static Definition definitionFor(List<Definition> windows, String name, int position, int[] depths) {
        int depth = depths[position];
        Definition before = null; // a definition's own AS (w1 ...) reads an earlier one of its clause
        for (Definition d : windows) {
            if (!d.name().equals(name.toLowerCase(Locale.ROOT)) || depths[d.position()] != depth) continue;
            int from = Math.min(position, d.position());
            int to = Math.max(position, d.position());
            boolean sameScope = true;
            for (int i = from; i < to && sameScope; i++) sameScope = depths[i] >= depth;
            if (!sameScope) continue;
            if (d.position() > position) return d;
            before = d;
        }
        return before;
    }

    /** A window's specification with the window it starts from (if any) written out. */
    private static String resolved(List<Definition> windows, Definition window, int[] depths, int hops) {
        Matcher first = Pattern.compile("(?i)^(\\w+)\\b").matcher(window.spec());
        if (hops > windows.size() || !first.find() || SPEC_WORDS.contains(first.group(1).toLowerCase(Locale.ROOT))) return window.spec();
        // a window named in a definition is one of the same WINDOW clause (or an earlier one of the same SELECT)
        Definition base = null;
        for (Definition d : windows) {
            if (d.name().equals(first.group(1).toLowerCase(Locale.ROOT)) && depths[d.position()] == depths[window.position()] && d != window) {
                base = d;
                if (d.position() > window.position()) break;
            }
        }
        if (base == null) return window.spec();
        return (resolved(windows, base, depths, hops + 1) + " " + window.spec().substring(first.end()).strip()).strip();
    }
}
