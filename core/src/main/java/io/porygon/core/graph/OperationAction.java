package io.porygon.core.graph;

import java.util.List;

/** Custom SQL statements; {@code hasOutput} says they create the table named by the target. */
public record OperationAction(
        Target target,
        List<String> queries,
        boolean hasOutput,
        List<Target> dependencyTargets,
        List<String> tags,
        ActionDescriptor descriptor,
        boolean disabled,
        String fileName,
        int sqlStartLine,
        StatementLines statementLines)
        implements Action {

    /** Without the lines of its statements (they are then reported at {@code sqlStartLine}). */
    public OperationAction(Target target, List<String> queries, boolean hasOutput, List<Target> dependencyTargets, List<String> tags,
                           ActionDescriptor descriptor, boolean disabled, String fileName, int sqlStartLine) {
        this(target, queries, hasOutput, dependencyTargets, tags, descriptor, disabled, fileName, sqlStartLine, StatementLines.UNKNOWN);
    }

    @Override
    public ActionType type() {
        return ActionType.OPERATIONS;
    }
}
