package io.porygon.core.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the statements of an action (its query, pre- and post-operations, an operation's statements)
 * start in the project file, keyed by the statement's text, and the file's lines, so that an error
 * is reported at the line it is on, even below a {@code ${...}} that compiled to several lines or to
 * none. A statement not found in the file (written by JavaScript) has no line.
 *
 * <p>Only an error at run time reads these lines, so {@link #locate} leaves the search to the first
 * read: a compile makes one per table and operation and reads none. Two are equal when their
 * statements start at the same lines of the same file lines.
 */
public final class StatementLines {
    public static final StatementLines UNKNOWN = new StatementLines(Map.of(), List.of());

    private final List<String> fileLines;
    /** What {@link #locate} was asked for, until the first read searches it; null once searched, or when given the lines. */
    private Search search;
    private Map<String, Integer> byText;

    private record Search(int sqlStartLine, List<String> queries, List<String> statements) {}

    public StatementLines(Map<String, Integer> byText, List<String> fileLines) {
        this.byText = Map.copyOf(byText);
        this.fileLines = List.copyOf(fileLines);
    }

    private StatementLines(List<String> fileLines, Search search) {
        this.fileLines = List.copyOf(fileLines);
        this.search = search;
    }

    /** Where each statement starts, by its text; searched on the first call. */
    private synchronized Map<String, Integer> byText() {
        if (byText == null) {
            byText = Map.copyOf(search(fileLines, search.sqlStartLine(), search.queries(), search.statements()));
            search = null;
        }
        return byText;
    }

    /**
     * Where each statement starts in a file of {@code fileLines}: {@code queries} at the first line from
     * {@code sqlStartLine} (when known) that compiles to their first non-blank line, else there; the others at the first line, searched after the statement before and then from the
     * top, that compiles to the statement's first non-blank line (a placeholder {@code ${...}} matching
     * any text). A statement written by JavaScript gets none.
     */
    public static StatementLines locate(List<String> fileLines, int sqlStartLine, List<String> queries, List<String> statements) {
        if (statements.isEmpty() && (queries.isEmpty() || sqlStartLine <= 0)) return UNKNOWN;
        return new StatementLines(fileLines, new Search(sqlStartLine, List.copyOf(queries), List.copyOf(statements)));
    }

    private static Map<String, Integer> search(List<String> fileLines, int sqlStartLine, List<String> queries, List<String> statements) {
        Map<String, Integer> out = new HashMap<>();
        // a query JavaScript passes as a string starts where its first line is written, at or below the call
        // (sqlStartLine); one built otherwise, at the call
        if (sqlStartLine > 0) {
            for (String q : queries) {
                String first = q.strip().lines().findFirst().orElse("").strip();
                int found = first.isEmpty() ? -1 : find(fileLines, first, sqlStartLine - 1);
                out.put(q, found >= 0 ? found + 1 : sqlStartLine);
            }
        }
        int from = 0;
        for (String statement : statements) {
            String first = statement.strip().lines().findFirst().orElse("").strip();
            if (first.isEmpty() || out.containsKey(statement)) continue;
            int found = find(fileLines, first, from);
            if (found < 0) found = find(fileLines, first, 0);
            if (found >= 0) {
                out.put(statement, found + 1);
                from = found + 1;
            }
        }
        return out;
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
            int close = TemplateLines.closingBrace(source, open + 1);
            if (close < 0) break;
            regex.append(Pattern.quote(source.substring(at, open))).append(".*?");
            at = close + 1;
        }
        regex.append(Pattern.quote(source.substring(at)));
        return compiled.matches(regex.toString());
    }

    /** The line where {@code statement} starts, or {@code fallback} when unknown. */
    public int lineOf(String statement, int fallback) {
        Integer line = byText().get(statement);
        return line == null ? fallback : line;
    }

    /** Whether line {@code line} of {@code statement} is written as is on line {@code fileLine} of the file (no {@code ${...}} on it). */
    public boolean sameText(String statement, int line, int fileLine) {
        String[] lines = statement.split("\n", -1);
        return line >= 1 && line <= lines.length && fileLine >= 1 && fileLine <= fileLines.size()
                && lines[line - 1].equals(fileLines.get(fileLine - 1));
    }

    /** The file line of line {@code line} (1-based) of {@code statement}, or {@code fallback} when unknown. */
    public int lineOf(String statement, int line, int fallback) {
        Integer start = byText().get(statement);
        if (start == null || line <= 0) return fallback;
        int[] lines = TemplateLines.of(fileLines, start, statement);
        return lines != null && line <= lines.length && lines[line - 1] > 0 ? lines[line - 1] : fallback;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatementLines other && byText().equals(other.byText()) && fileLines.equals(other.fileLines);
    }

    @Override
    public int hashCode() {
        return 31 * byText().hashCode() + fileLines.hashCode();
    }

    @Override
    public String toString() {
        return "StatementLines[byText=" + byText() + ", fileLines=" + fileLines + "]";
    }
}
