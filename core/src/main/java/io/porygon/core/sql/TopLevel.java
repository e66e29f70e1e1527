package io.porygon.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Positions in statement text (as {@link GoogleSqlLexer} leaves it: strings in {@code '...'},
 * quoted identifiers in {@code "..."}) outside quotes and at bracket depth zero, for the few
 * statements read as text rather than parsed: DECLARE/SET and CREATE TEMP FUNCTION.
 */
final class TopLevel {
    private TopLevel() {}

    /** Index of the parenthesis closing the one at {@code open}, or -1. */
    static int closing(String text, int open) {
        return scan(text, open, "(", ")", (i, depth) -> text.charAt(i) == ')' && depth == 0);
    }

    /** The parts between commas at depth zero, brackets being the characters of {@code openers} and {@code closers}. */
    static List<String> split(String text, String openers, String closers) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int comma; (comma = scan(text, start, openers, closers, (i, depth) -> depth == 0 && text.charAt(i) == ',')) >= 0; ) {
            parts.add(text.substring(start, comma));
            start = comma + 1;
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** Index of {@code word} (case-insensitive, a whole word) at depth zero, or -1. */
    static int word(String text, String word, String openers, String closers) {
        return scan(text, 0, openers, closers, (i, depth) -> depth == 0 && text.regionMatches(true, i, word, 0, word.length())
                && (i == 0 || !isWordChar(text.charAt(i - 1)))
                && (i + word.length() == text.length() || !isWordChar(text.charAt(i + word.length()))));
    }

    private interface Stop {
        boolean at(int index, int depth);
    }

    /** The first index from {@code from} on, outside quotes, where {@code stop} holds (depth counted after it), or -1. */
    private static int scan(String text, int from, String openers, String closers, Stop stop) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                continue;
            }
            if (openers.indexOf(c) >= 0) depth++;
            else if (closers.indexOf(c) >= 0) depth--;
            if (stop.at(i, depth)) return i;
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
