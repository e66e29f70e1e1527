package io.porygon.core.sql;

import java.util.Locale;
import java.util.Set;

/**
 * {@code x [NOT] BETWEEN a AND b} written as {@code [NOT] (x >= a AND x <= b)}, which means the same,
 * for the BETWEENs JSqlParser cannot read: an INTERVAL inside a nested call of a bound, as in GA4's
 * {@code event_date BETWEEN FORMAT_DATE('%Y%m%d', DATE_SUB(CURRENT_DATE(), INTERVAL 3 DAY)) AND ...}.
 * Works on the lexer's output (strings single-quoted, identifiers double-quoted); line breaks stay.
 */
final class BetweenRewrite {
    private static final Set<String> END_OF_BOUND = Set.of("AND", "OR", "THEN", "WHEN", "ELSE", "END", "GROUP", "ORDER", "HAVING",
            "QUALIFY", "WINDOW", "LIMIT", "UNION", "INTERSECT", "EXCEPT", "FROM", "WHERE", "AS", "IS");

    private BetweenRewrite() {}

    /** The statement with each BETWEEN that has an INTERVAL in a bound rewritten, or null when there is none. */
    static String rewrite(String sql) {
        String out = sql;
        boolean changed = false;
        for (int from = 0; ; ) {
            int between = nextWord(out, "BETWEEN", from);
            if (between < 0) break;
            String rewritten = rewriteAt(out, between);
            if (rewritten != null) {
                out = rewritten;
                changed = true;
            }
            from = between + "BETWEEN".length();
        }
        return changed ? out : null;
    }

    private static String rewriteAt(String sql, int between) {
        int lowStart = between + "BETWEEN".length();
        int and = nextWordAtDepth0(sql, "AND", lowStart);
        if (and < 0) return null;
        int highStart = and + 3;
        int highEnd = endOfBound(sql, highStart);
        String low = sql.substring(lowStart, and);
        String high = sql.substring(highStart, highEnd);
        if (!containsWord(low, "INTERVAL") && !containsWord(high, "INTERVAL")) return null;
        int operandEnd = between;
        boolean not = false;
        int beforeBetween = skipSpaceBack(sql, between);
        if (beforeBetween >= 3 && sql.substring(beforeBetween - 3, beforeBetween).equalsIgnoreCase("NOT")
                && (beforeBetween == 3 || !isWordChar(sql.charAt(beforeBetween - 4)))) {
            not = true;
            operandEnd = beforeBetween - 3;
        }
        int operandStart = startOfOperand(sql, skipSpaceBack(sql, operandEnd));
        if (operandStart < 0 || !startsCondition(sql, operandStart)) return null;
        String x = sql.substring(operandStart, skipSpaceBack(sql, operandEnd)).strip();
        String replacement = (not ? "NOT " : "") + "(" + x + " >= " + low.strip() + " AND " + x + " <= " + high.strip() + ")";
        // keep the statement's line breaks where they were, for error lines
        long breaks = sql.substring(operandStart, highEnd).chars().filter(c -> c == '\n').count()
                - replacement.chars().filter(c -> c == '\n').count();
        return sql.substring(0, operandStart) + replacement + "\n".repeat((int) Math.max(0, breaks)) + " " + sql.substring(highEnd);
    }

    /**
     * Whether a condition may start at {@code start}: after a clause word, a parenthesis or a comma. Not
     * after an operator: in {@code a + b BETWEEN ...} the operand is {@code a + b}, which is left alone.
     */
    private static boolean startsCondition(String sql, int start) {
        int before = skipSpaceBack(sql, start);
        if (before == 0 || sql.charAt(before - 1) == '(' || sql.charAt(before - 1) == ',') return true;
        int word = before;
        while (word > 0 && isWordChar(sql.charAt(word - 1))) word--;
        return word < before && STARTS_CONDITION.contains(sql.substring(word, before).toUpperCase(Locale.ROOT));
    }

    private static final Set<String> STARTS_CONDITION = Set.of("WHERE", "AND", "OR", "NOT", "WHEN", "THEN", "ELSE", "ON", "HAVING",
            "QUALIFY", "SELECT", "RETURN");

    /** Where the operand before {@code end} starts: a (qualified, quoted) name, a call, or a parenthesized expression. */
    private static int startOfOperand(String sql, int end) {
        int i = end;
        while (true) {
            if (i <= 0) return -1;
            char c = sql.charAt(i - 1);
            if (c == ')') {
                i = openingParen(sql, i - 1);
                if (i < 0) return -1;
                while (i > 0 && isWordChar(sql.charAt(i - 1))) i--; // a function's name
            } else if (c == '"') {
                i = sql.lastIndexOf('"', i - 2);
                if (i < 0) return -1;
            } else if (isWordChar(c)) {
                while (i > 0 && isWordChar(sql.charAt(i - 1))) i--;
            } else {
                return -1;
            }
            if (i > 0 && sql.charAt(i - 1) == '.') {
                i--; // a path: a.b.c
                continue;
            }
            return i;
        }
    }

    private static int openingParen(String sql, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = sql.charAt(i);
            if (c == ')') depth++;
            if (c == '(' && --depth == 0) return i;
        }
        return -1;
    }

    /** End of an upper bound: a closing parenthesis, comma or clause word at its own depth, or the end. */
    private static int endOfBound(String sql, int from) {
        return LexedText.firstAtDepth0(sql, from, i -> sql.charAt(i) == ',' || sql.charAt(i) == ';' || startsClauseWord(sql, i));
    }

    private static boolean startsClauseWord(String sql, int i) {
        if (!isWordChar(sql.charAt(i)) || i > 0 && isWordChar(sql.charAt(i - 1))) return false;
        int end = i;
        while (end < sql.length() && isWordChar(sql.charAt(end))) end++;
        return END_OF_BOUND.contains(sql.substring(i, end).toUpperCase(Locale.ROOT));
    }

    private static int nextWordAtDepth0(String sql, String word, int from) {
        int i = LexedText.firstAtDepth0(sql, from, at -> startsWord(sql, at, word));
        return i < sql.length() && startsWord(sql, i, word) ? i : -1;
    }

    private static int nextWord(String sql, String word, int from) {
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = LexedText.endOfQuoted(sql, i);
                continue;
            }
            if (startsWord(sql, i, word)) return i;
        }
        return -1;
    }

    private static boolean containsWord(String sql, String word) {
        return nextWord(sql, word, 0) >= 0;
    }

    private static boolean startsWord(String sql, int i, String word) {
        return sql.regionMatches(true, i, word, 0, word.length()) && (i == 0 || !isWordChar(sql.charAt(i - 1)))
                && (i + word.length() >= sql.length() || !isWordChar(sql.charAt(i + word.length())));
    }

    private static int skipSpaceBack(String sql, int end) {
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) end--;
        return end;
    }

    private static boolean isWordChar(char c) {
        return LexedText.isWordChar(c);
    }
}
