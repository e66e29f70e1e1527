package io.porygon.core.graph;

import java.util.List;
import java.util.Map;

/**
 * Where the statements of an action (its query, pre- and post-operations, an operation's statements)
 * start in the project file, keyed by the statement's text, and the file's lines, so that an error
 * is reported at the line it is on, even below a {@code ${...}} that compiled to several lines or to
 * none. A statement not found in the file (written by JavaScript) has no line.
 */
public record StatementLines(Map<String, Integer> byText, List<String> fileLines) {
    public static final StatementLines UNKNOWN = new StatementLines(Map.of(), List.of());

    public StatementLines {
        byText = Map.copyOf(byText);
        fileLines = List.copyOf(fileLines);
    }

    /** The line where {@code statement} starts, or {@code fallback} when unknown. */
    public int lineOf(String statement, int fallback) {
        Integer line = byText.get(statement);
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
        Integer start = byText.get(statement);
        if (start == null || line <= 0) return fallback;
        int[] lines = TemplateLines.of(fileLines, start, statement);
        return lines != null && line <= lines.length && lines[line - 1] > 0 ? lines[line - 1] : fallback;
    }
}
