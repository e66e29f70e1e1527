package io.porygon.core.graph;

import java.util.List;
import java.util.stream.Stream;

/** The result of compiling a project: every action, plus the errors found. Immutable. */
public record CompiledGraph(
        ProjectConfig projectConfig,
        List<TableAction> tables,
        List<OperationAction> operations,
        List<AssertionAction> assertions,
        List<DeclarationAction> declarations,
        List<TestAction> tests,
        List<CompileError> graphErrors) {

    public boolean hasErrors() {
        return !graphErrors.isEmpty();
    }

    /** Every action except tests, which run apart from the graph. */
    public Stream<Action> runnableActions() {
        return Stream.of(declarations, tables, operations, assertions).flatMap(List::stream);
    }
}
