package io.porygon.core.graph;

import java.util.List;

/** A source table that exists outside the project. */
public record DeclarationAction(Target target, ActionDescriptor descriptor, String fileName, List<String> tags) implements Action {
    @Override
    public ActionType type() {
        return ActionType.DECLARATION;
    }

    @Override
    public int sqlStartLine() {
        return 0;
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
