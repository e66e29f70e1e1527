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

    /** The text of line {@code line} (1-based) of a file, or "" when unknown. */
    String line(String file, int line) {
        List<String> text = lines.get(file);
        return text == null || line < 1 || line > text.size() ? "" : text.get(line - 1);
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

    /** Where {@code pattern} first matches on the lines {@code fromLine} to {@code fromLine + lines}, or null. */
    SourceLocation firstMatch(String file, int fromLine, Pattern pattern, int lines) {
        List<String> text = this.lines.get(file);
        if (text == null) return null;
        for (int i = Math.max(fromLine, 1) - 1; i < text.size() && i < fromLine + lines; i++) {
            Matcher m = pattern.matcher(text.get(i));
            if (m.find()) return new SourceLocation(file, i + 1, m.start() + 1);
        }
        return null;
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

    /** Where the {@code require(...)} call of {@code module} is on {@code line}, or null. */
    SourceLocation locateRequire(String file, int line, String module) {
        Pattern call = Pattern.compile("(?<![\\w$])require\\s*\\(\\s*[\"'`]" + Pattern.quote(module) + "[\"'`]");
        Matcher m = call.matcher(line(file, line));
        return m.find() ? new SourceLocation(file, line, m.start() + 1) : null;
    }

    /** Where each statement of {@code file} starts (see {@link StatementLines#locate}). */
    StatementLines statementLines(String file, List<String> statements) {
        return statementLines(file, 0, List.of(), statements);
    }

    /** As {@link #statementLines(String, List)}, with {@code queries} known to start at {@code sqlStartLine}. */
    StatementLines statementLines(String file, int sqlStartLine, List<String> queries, List<String> statements) {
        List<String> text = lines.get(file);
        return text == null ? StatementLines.UNKNOWN : StatementLines.locate(text, sqlStartLine, queries, statements);
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
