package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code UNION ALL BY NAME} and its variants, which JSqlParser cannot read: the statement is cut at them, each
 * part translated alone, and the parts joined with DuckDB's {@code UNION [ALL] BY NAME}. DuckDB matches the
 * columns by name and fills a column a query lacks with NULL, which is BigQuery's {@code FULL} mode; BigQuery's
 * default and {@code STRICT} modes require the same names in every query, which then give the same rows.
 * {@code CORRESPONDING} without a mode keeps only the columns all queries have, and {@code LEFT} the first
 * query's: refused. A set operation inside parentheses (a subquery, a common table expression) is translated
 * on its own and put back in place of a stand-in the rest of the statement is translated with.
 */
final class SetOperationsByName {
    private static final Pattern OPERATOR = Pattern.compile(
            "(?i)\\b(?:(FULL|LEFT)(?:\\s+OUTER)?\\s+)?UNION\\s+(ALL|DISTINCT)\\s+(BY\\s+NAME|STRICT\\s+CORRESPONDING|CORRESPONDING)\\b");

    /** INTERSECT and EXCEPT by name, which DuckDB does not have (JSqlParser reads them as matching by position). */
    private static final Pattern INTERSECT_OR_EXCEPT = Pattern.compile(
            "(?i)\\b(?:(?:FULL|LEFT)(?:\\s+OUTER)?\\s+)?(?:INTERSECT|EXCEPT)\\s+(?:ALL|DISTINCT)\\s+(?:BY\\s+NAME|(?:STRICT\\s+)?CORRESPONDING)\\b");

    private SetOperationsByName() {}

    /** Refuses {@code INTERSECT|EXCEPT ... BY NAME|CORRESPONDING} anywhere in the statement. */
    static void refuseIntersectOrExceptByName(String sql) {
        Matcher m = INTERSECT_OR_EXCEPT.matcher(sql);
        boolean[] quoted = null; // found only for a statement that has the words at all
        while (m.find()) {
            if (quoted == null) quoted = LexedText.quotedIndexes(sql);
            if (quoted[m.start()]) continue;
            String written = sql.substring(m.start(), m.end()).replaceAll("\\s+", " ");
            throw new Untranslatable(written + " is not translated to DuckDB (DuckDB matches INTERSECT and EXCEPT columns by position)",
                    "select the columns in the same order in every query and drop the by-name matching", written);
        }
    }

    /** A part of the statement and where it starts (0-based line within the statement). */
    record Part(String text, int line) {}

    /** The parts between the by-name set operators, or null when the statement has none at its top level. */
    static List<Part> parts(String sql, List<String> operators) {
        List<Part> parts = new ArrayList<>();
        int[] depths = LexedText.depths(sql);
        boolean[] quoted = LexedText.quotedIndexes(sql);
        Matcher m = OPERATOR.matcher(sql);
        int from = 0;
        while (m.find()) {
            if (quoted[m.start()] || depths[m.start()] != 0) continue;
            String mode = m.group(1) == null ? "" : m.group(1).toUpperCase(Locale.ROOT);
            String matching = m.group(3).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (mode.equals("LEFT") || (matching.equals("CORRESPONDING") && !mode.equals("FULL"))) {
                String written = sql.substring(m.start(), m.end()).replaceAll("\\s+", " ");
                throw new Untranslatable(written + " is not translated to DuckDB (it keeps " + (mode.equals("LEFT") ? "the first query's"
                        : "only the shared") + " columns)", "select the same columns in every query and write UNION ALL BY NAME,"
                        + " or FULL UNION ALL BY NAME to keep every column", written);
            }
            parts.add(new Part(sql.substring(from, m.start()), LexedText.lineBreaks(sql, from)));
            operators.add("UNION " + (m.group(2).equalsIgnoreCase("ALL") ? "ALL " : "") + "BY NAME");
            from = m.end();
        }
        if (parts.isEmpty()) return null;
        parts.add(new Part(sql.substring(from), LexedText.lineBreaks(sql, from)));
        return parts;
    }

    /** A set operation by name inside parentheses, cut out of its statement: {@code (inner)} at {@code start..end}. */
    record Nested(String inner, int start, int end) {}

    /** The first parenthesized query holding a by-name set operator at its own top level, or null. */
    static Nested nested(String sql) {
        int[] depths = LexedText.depths(sql);
        boolean[] quoted = LexedText.quotedIndexes(sql);
        Matcher m = OPERATOR.matcher(sql);
        while (m.find()) {
            if (quoted[m.start()] || depths[m.start()] == 0) continue;
            // just after the parenthesis that opens the operator's level
            int open = m.start();
            while (open > 0 && !(sql.charAt(open - 1) == '(' && !quoted[open - 1] && depths[open - 1] == depths[m.start()])) open--;
            int close = LexedText.firstAtDepth0(sql, open, i -> false);
            if (open == 0 || close >= sql.length()) return null;
            return new Nested(sql.substring(open, close), open - 1, close + 1);
        }
        return null;
    }

    /**
     * {@code WITH ... SELECT ... UNION ALL BY NAME SELECT ...}: the query after the common table expressions
     * in parentheses ({@code WITH ... SELECT * FROM (...)}), so that each part still sees them; else the statement.
     */
    static String withQueryInParentheses(String sql) {
        Matcher with = Pattern.compile("(?is)^\\s*WITH\\s+(?:RECURSIVE\\s+)?").matcher(sql);
        if (!with.find()) return sql;
        int at = with.end();
        Matcher cte = Pattern.compile("(?is)\\s*(?:\"[^\"]*\"|\\w+)\\s*(?:\\([^()]*\\)\\s*)?AS\\s*\\(").matcher(sql);
        while (cte.region(at, sql.length()).lookingAt()) {
            int close = LexedText.firstAtDepth0(sql, cte.end(), i -> false);
            if (close >= sql.length()) return sql;
            at = close + 1;
            Matcher comma = Pattern.compile("\\s*,").matcher(sql).region(at, sql.length());
            if (!comma.lookingAt()) break;
            at = comma.end();
        }
        String query = sql.substring(at);
        if (parts(query, new ArrayList<>()) == null) return sql;
        return sql.substring(0, at) + " SELECT * FROM (" + query + ")";
    }
}
