package io.porygon.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of a built-in rowConditions assertion, counted in one scan of the table it checks. Dataform
 * writes the assertion as one {@code SELECT 'condition' AS failing_row_condition, * FROM t WHERE NOT
 * (condition)} per condition, joined by {@code UNION ALL}: on a view, each branch computes the view again.
 * {@code COUNTIF(NOT (condition))} counts the same rows (a NULL condition fails neither), so their sum is
 * the assertion's row count.
 */
final class RowConditionsCount {
    private static final String SELECT = "\nSELECT\n  ";
    private static final String AS_FAILING = " AS failing_row_condition,\n  *\nFROM ";
    private static final String WHERE_NOT = "\nWHERE NOT (";
    private static final String UNION_ALL = "UNION ALL";

    private RowConditionsCount() {}

    /**
     * The GoogleSQL query that counts the assertion's rows in one scan, when {@code query} is exactly Dataform's
     * rowConditions query (anything else, such as a query its author wrote, is counted as it is).
     */
    static Optional<String> of(String query) {
        List<String> conditions = new ArrayList<>();
        String table = null;
        int at = 0;
        while (true) {
            if (!query.startsWith(SELECT, at)) return Optional.empty();
            at += SELECT.length();
            int literalEnd = endOfLiteral(query, at);
            if (literalEnd < 0) return Optional.empty();
            String condition = unescape(query.substring(at + 1, literalEnd - 1));
            at = literalEnd;
            if (!query.startsWith(AS_FAILING, at)) return Optional.empty();
            at += AS_FAILING.length();
            String tail = WHERE_NOT + condition + ")\n";
            int where = query.indexOf(tail, at);
            if (where < 0 || table != null && !query.substring(at, where).equals(table)) return Optional.empty();
            table = query.substring(at, where);
            conditions.add(condition);
            at = where + tail.length();
            if (at == query.length()) break;
            if (!query.startsWith(UNION_ALL, at)) return Optional.empty();
            at += UNION_ALL.length();
        }
        List<String> counts = conditions.stream().map(c -> "COUNTIF(NOT (" + c + "))").toList();
        return Optional.of("SELECT " + String.join(" + ", counts) + " FROM " + table);
    }

    /** The end (exclusive) of the single-quoted literal at {@code start}, with Dataform's backslash escapes, or -1. */
    private static int endOfLiteral(String s, int start) {
        if (start >= s.length() || s.charAt(start) != '\'') return -1;
        for (int i = start + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\') i++;
            else if (s.charAt(i) == '\'') return i + 1;
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
            out.append(c);
        }
        return out.toString();
    }
}
