package io.porygon.core.graph;

import java.util.List;

/** A query that must return no rows; {@code parentAction} is the table it checks, when built in. */
public record AssertionAction(
        Target target,
        String query,
        Target parentAction,
        List<Target> dependencyTargets,
        List<String> tags,
        ActionDescriptor descriptor,
        boolean disabled,
        String fileName,
        int sqlStartLine)
        implements Action {
    @Override
    public ActionType type() {
        return ActionType.ASSERTION;
    }
}
