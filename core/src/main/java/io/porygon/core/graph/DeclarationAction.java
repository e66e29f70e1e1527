package io.porygon.core.graph;

import java.util.List;

/**
 * A source table that exists outside the project.
 *
 * @param line where it is declared in its file (the {@code declare()} call, the SQLX file's start), 0 when unknown
 */
public record DeclarationAction(Target target, ActionDescriptor descriptor, String fileName, List<String> tags, int line) implements Action {
    @Override
    public ActionType type() {
        return ActionType.DECLARATION;
    }

    /** A declaration has no SQL: where it is declared, for messages. */
    @Override
    public int sqlStartLine() {
        return line;
    }

    @Override
    public List<Target> dependencyTargets() {
        return List.of();
    }

    @Override
    public boolean disabled() {
        return false;
    }
}
