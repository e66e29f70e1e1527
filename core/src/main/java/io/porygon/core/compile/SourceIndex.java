package io.porygon.core.compile;

import io.porygon.core.SourceLocation;
import io.porygon.core.graph.StatementLines;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text of the project's files, to turn a line (and a word on it) into a file:line:col location. */
final class SourceIndex {
    private final Map<String, List<String>> lines = new HashMap<>();

    void add(String path, String content) {
        lines.put(path, List.of(content.split("\n", -1)));
    }

    /** The location of {@code word} (preferably quoted) on {@code line}; column 1 when not found; line 1 when unknown. */
    SourceLocation locate(String file, int line, String word) {
        List<String> text = lines.get(file);
        if (line <= 0) line = 1;
        int column = 1;
        if (text != null && line <= text.size() && word != null) {
            String l = text.get(line - 1);
            int at = l.indexOf("\"" + word + "\"");
            if (at < 0) at = l.indexOf("'" + word + "'");
            if (at < 0) at = l.indexOf(word);
            if (at >= 0) column = at + 1;
        }
        return new SourceLocation(file, line, column);
    }

    /** The first line at or after {@code fromLine} that holds {@code word} in quotes (else plain), or null. */
    SourceLocation locateFrom(String file, int fromLine, String word) {
        List<String> text = lines.get(file);
        if (text == null || word == null) return null;
        for (int i = Math.max(fromLine, 1) - 1; i < text.size(); i++) {
            int at = text.get(i).indexOf("\"" + word + "\"");
            if (at < 0) at = text.get(i).indexOf("'" + word + "'");
            if (at >= 0) return new SourceLocation(file, i + 1, at + 1);
        }
        return null;
    }

    /** Where {@code word} first appears as a whole word at or after {@code fromLine}, or null. */
    SourceLocation locateWord(String file, int fromLine, String word) {
        return firstMatch(file, fromLine, Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])"));
    }

    /**
     * Where {@code key:} (an object literal property, the key maybe quoted) first appears at or after
     * {@code fromLine}, or null. A plain search, not a regex: it runs for every built-in assertion of
     * every compile.
     */
    SourceLocation locateKey(String file, int fromLine, String key) {
        List<String> text = lines.get(file);
        if (text == null) return null;
        for (int i = Math.max(fromLine, 1) - 1; i < text.size(); i++) {
            int column = keyColumn(text.get(i), key);
            if (column > 0) return new SourceLocation(file, i + 1, column);
        }
        return null;
    }

    /** The 1-based column of {@code key:} on {@code line} (at its opening quote, if quoted), or 0. */
    private static int keyColumn(String line, String key) {
        for (int at = line.indexOf(key); at >= 0; at = line.indexOf(key, at + 1)) {
            int start = at;
            int end = at + key.length();
            if (start > 0 && isQuote(line.charAt(start - 1))) start--;
            if (end < line.length() && isQuote(line.charAt(end))) end++;
            if (start > 0 && isWordChar(line.charAt(start - 1))) continue;
            while (end < line.length() && Character.isWhitespace(line.charAt(end))) end++;
            if (end < line.length() && line.charAt(end) == ':') return start + 1;
        }
        return 0;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private SourceLocation firstMatch(String file, int fromLine, Pattern pattern) {
        List<String> text = lines.get(file);
        if (text == null) return null;
        for (int i = Math.max(fromLine, 1) - 1; i < text.size(); i++) {
            Matcher m = pattern.matcher(text.get(i));
            if (m.find()) return new SourceLocation(file, i + 1, m.start() + 1);
        }
        return null;
    }

    /**
     * Where each statement starts in {@code file}: the first line, searched after the statement
     * before and then from the top, that compiles to the statement's first non-blank line (a
     * placeholder {@code ${...}} matching any text). A statement written by JavaScript gets none.
     */
    StatementLines statementLines(String file, List<String> statements) {
        return statementLines(file, 0, List.of(), statements);
    }

    /** As {@link #statementLines(String, List)}, with {@code queries} known to start at {@code sqlStartLine}. */
    StatementLines statementLines(String file, int sqlStartLine, List<String> queries, List<String> statements) {
        List<String> text = lines.get(file);
        if (text == null || statements.isEmpty() && (queries.isEmpty() || sqlStartLine <= 0)) return StatementLines.UNKNOWN;
        Map<String, Integer> out = new HashMap<>();
        if (sqlStartLine > 0) queries.forEach(q -> out.put(q, sqlStartLine));
        int from = 0;
        for (String statement : statements) {
            String first = statement.strip().lines().findFirst().orElse("").strip();
            if (first.isEmpty() || out.containsKey(statement)) continue;
            int found = find(text, first, from);
            if (found < 0) found = find(text, first, 0);
            if (found >= 0) {
                out.put(statement, found + 1);
                from = found + 1;
            }
        }
        return new StatementLines(out, text);
    }

    private static int find(List<String> text, String line, int from) {
        for (int i = from; i < text.size(); i++) if (writes(text.get(i).strip(), line)) return i;
        return -1;
    }

    /** Whether a line of the file compiles to {@code compiled}: the same text, any {@code ${...}} standing for anything. */
    private static boolean writes(String source, String compiled) {
        if (!source.contains("${")) return source.equals(compiled);
        StringBuilder regex = new StringBuilder();
        int at = 0;
        for (int open = source.indexOf("${"); open >= 0; open = source.indexOf("${", at)) {
            int close = closingBrace(source, open + 1);
            if (close < 0) break;
            regex.append(Pattern.quote(source.substring(at, open))).append(".*?");
            at = close + 1;
        }
        regex.append(Pattern.quote(source.substring(at)));
        return compiled.matches(regex.toString());
    }

    /** The index of the brace that closes the one at {@code open}, or -1. */
    private static int closingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') depth++;
            else if (s.charAt(i) == '}' && --depth == 0) return i;
        }
        return -1;
    }

    /** The column of the first non-blank character of a line (1 when unknown). */
    int firstColumn(String file, int line) {
        List<String> text = lines.get(file);
        if (text == null || line <= 0 || line > text.size()) return 1;
        String l = text.get(line - 1);
        for (int i = 0; i < l.length(); i++) if (!Character.isWhitespace(l.charAt(i))) return i + 1;
        return 1;
    }
}
