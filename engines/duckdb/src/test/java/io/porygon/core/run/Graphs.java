package io.porygon.core.run;

import io.porygon.core.graph.Action;
import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.OnSchemaChange;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.BigQueryOptions;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.IncrementalStrategy;
import io.porygon.core.graph.OperationAction;
import io.porygon.core.graph.ProjectConfig;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.graph.TestAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Compiled graphs built by hand, as the compiler would produce them, for runner tests. */
final class Graphs {
    static final String DB = "proj";

    private Graphs() {}

    static Target t(String schema, String name) {
        return new Target(DB, schema, name);
    }

    static List<Target> deps(Target... targets) {
        return Arrays.asList(targets);
    }

    static TableAction table(Target target, String query, Target... deps) {
        return tableOf(target, ActionType.TABLE, query, null, List.of(), List.of(), List.of(), false, deps);
    }

    static TableAction view(Target target, String query, Target... deps) {
        return tableOf(target, ActionType.VIEW, query, null, List.of(), List.of(), List.of(), false, deps);
    }

    static TableAction incremental(Target target, String query, String incrementalQuery, List<String> uniqueKey,
            boolean isProtected, Target... deps) {
        return tableOf(target, ActionType.INCREMENTAL, query, incrementalQuery, List.of(), List.of(), uniqueKey, isProtected, deps);
    }

    static TableAction withOps(Target target, String query, List<String> pre, List<String> post, Target... deps) {
        return tableOf(target, ActionType.TABLE, query, null, pre, post, List.of(), false, deps);
    }

    static TableAction tagged(TableAction t, String... tags) {
        return new TableAction(t.target(), t.type(), t.query(), t.incrementalQuery(), t.preOps(), t.postOps(),
                t.incrementalPreOps(), t.incrementalPostOps(), t.dependencyTargets(), List.of(tags), t.descriptor(),
                t.bigquery(), t.uniqueKey(), t.isProtected(), t.materialized(), t.disabled(), t.fileName(), t.sqlStartLine(),
                t.onSchemaChange());
    }

    static TableAction onSchemaChange(TableAction t, OnSchemaChange mode) {
        return new TableAction(t.target(), t.type(), t.query(), t.incrementalQuery(), t.preOps(), t.postOps(),
                t.incrementalPreOps(), t.incrementalPostOps(), t.dependencyTargets(), t.tags(), t.descriptor(),
                t.bigquery(), t.uniqueKey(), t.isProtected(), t.materialized(), t.disabled(), t.fileName(), t.sqlStartLine(), mode);
    }

    static TableAction withWhere(TableAction t, String where) {
        return new TableAction(t.target(), t.type(), t.query(), t.incrementalQuery(), where, t.preOps(), t.postOps(),
                t.incrementalPreOps(), t.incrementalPostOps(), t.dependencyTargets(), t.tags(), t.descriptor(), t.bigquery(), t.uniqueKey(),
                t.isProtected(), t.materialized(), t.disabled(), t.fileName(), t.sqlStartLine(), t.onSchemaChange(), t.incrementalStrategy(),
                t.statementLines());
    }

    static TableAction insertOverwrite(TableAction t, String partitionBy) {
        return new TableAction(t.target(), t.type(), t.query(), t.incrementalQuery(), t.where(), t.preOps(), t.postOps(),
                t.incrementalPreOps(), t.incrementalPostOps(), t.dependencyTargets(), t.tags(), t.descriptor(),
                new BigQueryOptions(partitionBy, List.of(), Map.of(), null, null, null), t.uniqueKey(), t.isProtected(), t.materialized(),
                t.disabled(), t.fileName(), t.sqlStartLine(), t.onSchemaChange(), IncrementalStrategy.INSERT_OVERWRITE, t.statementLines());
    }

    static TableAction disabled(TableAction t) {
        return new TableAction(t.target(), t.type(), t.query(), t.incrementalQuery(), t.where(), t.preOps(), t.postOps(),
                t.incrementalPreOps(), t.incrementalPostOps(), t.dependencyTargets(), t.tags(), t.descriptor(), t.bigquery(), t.uniqueKey(),
                t.isProtected(), t.materialized(), true, t.fileName(), t.sqlStartLine(), t.onSchemaChange(), t.incrementalStrategy(),
                t.statementLines());
    }

    private static TableAction tableOf(Target target, ActionType type, String query, String incrementalQuery, List<String> pre,
            List<String> post, List<String> uniqueKey, boolean isProtected, Target... deps) {
        return new TableAction(target, type, query, incrementalQuery, pre, post, pre, post, deps(deps), List.of(),
                ActionDescriptor.EMPTY, BigQueryOptions.NONE, uniqueKey, isProtected, false, false,
                "definitions/" + target.name() + ".sqlx", 5, OnSchemaChange.IGNORE);
    }

    static AssertionAction assertion(Target target, String query, Target parent, Target... deps) {
        return new AssertionAction(target, query, parent, deps(deps), List.of(), ActionDescriptor.EMPTY, false,
                "definitions/" + target.name() + ".sqlx", 3);
    }

    static DeclarationAction declaration(Target target) {
        return new DeclarationAction(target, ActionDescriptor.EMPTY, "definitions/sources.js", List.of(), 0);
    }

    static OperationAction operation(Target target, boolean hasOutput, List<String> queries, Target... deps) {
        return new OperationAction(target, queries, hasOutput, deps(deps), List.of(), ActionDescriptor.EMPTY, false,
                "definitions/" + target.name() + ".sqlx", 2);
    }

    static TestAction test(String name, Target tested, String query, String expected) {
        return new TestAction(name, tested, query, expected, "definitions/tests/" + name + ".sqlx", 4);
    }

    static CompiledGraph graph(Action... actions) {
        List<TableAction> tables = new ArrayList<>();
        List<OperationAction> ops = new ArrayList<>();
        List<AssertionAction> assertions = new ArrayList<>();
        List<DeclarationAction> declarations = new ArrayList<>();
        List<TestAction> tests = new ArrayList<>();
        for (Action a : actions) {
            if (a instanceof TableAction t) tables.add(t);
            else if (a instanceof OperationAction o) ops.add(o);
            else if (a instanceof AssertionAction s) assertions.add(s);
            else if (a instanceof DeclarationAction d) declarations.add(d);
            else if (a instanceof TestAction t) tests.add(t);
        }
        ProjectConfig config = new ProjectConfig(DB, "dataform", "US", "dataform_assertions", null, null, null, null, false, Map.of(),
                io.porygon.core.graph.SettingsFile.WORKFLOW_SETTINGS_YAML);
        return new CompiledGraph(config, tables, ops, assertions, declarations, tests, List.of());
    }
}
