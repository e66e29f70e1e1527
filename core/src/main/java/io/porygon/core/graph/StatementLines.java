package io.porygon.core.graph;

import java.util.Map;

/**
 * The line of the project file where each statement of an action (a pre- or post-operation, an
 * operation's statement) starts, keyed by the statement's text, so that an error in one of them is
 * reported at its own line. A statement not found in the file (written by JavaScript) has none.
 */
public record StatementLines(Map<String, Integer> byText) {
    public static final StatementLines UNKNOWN = new StatementLines(Map.of());

    public StatementLines {
        byText = Map.copyOf(byText);
    }

    /** The line where {@code statement} starts, or {@code fallback} when unknown. */
    public int lineOf(String statement, int fallback) {
        Integer line = byText.get(statement);
        return line == null ? fallback : line;
    }
}
