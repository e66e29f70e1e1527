package io.porygon.core.graph;

import java.util.List;

/**
 * A unit test: {@code testQuery} is the tested dataset's query with each input's ref replaced by
 * the input's rows (as Dataform compiles it); the test passes when it returns exactly the rows of
 * {@code expectedOutputQuery}, in any order.
 */
public record TestAction(
        String name, Target testedTarget, String testQuery, String expectedOutputQuery, String fileName, int sqlStartLine, String schema,
        String database)
        implements Action {

    /**
     * A test in the default schema and project. ({@code schema} and {@code database} are those its dataset config names, where
     * Dataform puts the test's own target.)
     */
    public TestAction(String name, Target testedTarget, String testQuery, String expectedOutputQuery, String fileName, int sqlStartLine) {
        this(name, testedTarget, testQuery, expectedOutputQuery, fileName, sqlStartLine, null, null);
    }

    @Override
    public Target target() {
        return new Target(null, null, name);
    }

    @Override
    public ActionType type() {
        return ActionType.TEST;
    }

    @Override
    public List<Target> dependencyTargets() {
        return List.of();
    }

    @Override
    public List<String> tags() {
        return List.of();
    }

    @Override
    public boolean disabled() {
        return false;
    }
}
