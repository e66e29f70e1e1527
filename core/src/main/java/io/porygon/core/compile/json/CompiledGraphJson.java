package io.porygon.core.compile.json;

import io.porygon.core.compile.ActionMetadata;
import io.porygon.core.compile.CompileResult;
import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.BigQueryOptions;
import io.porygon.core.graph.ColumnDescriptor;
import io.porygon.core.graph.CompileError;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.OperationAction;
import io.porygon.core.graph.ProjectConfig;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.graph.TestAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a compile result in the JSON shape of {@code dataform compile --json}. Like Dataform's
 * protobuf JSON, empty strings, empty lists and false flags are left out (except table "disabled").
 */
public final class CompiledGraphJson {
    private CompiledGraphJson() {}

    public static String write(CompileResult result, boolean pretty) {
        return JsonWriter.write(toMap(result), pretty);
    }

    public static Map<String, Object> toMap(CompileResult result) {
        var g = result.graph();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tables", g.tables().stream().map(t -> table(t, result.metadata(t.target()))).toList());
        out.put("operations", g.operations().stream().map(o -> operation(o, result.metadata(o.target()))).toList());
        out.put("assertions", g.assertions().stream().map(a -> assertion(a, result.metadata(a.target()))).toList());
        out.put("declarations", g.declarations().stream().map(d -> declaration(d, result.metadata(d.target()))).toList());
        out.put("tests", g.tests().stream().map(t -> test(t, g.projectConfig())).toList());
        out.put("projectConfig", projectConfig(g.projectConfig()));
        Map<String, Object> errors = new LinkedHashMap<>();
        if (!g.graphErrors().isEmpty()) errors.put("compilationErrors", g.graphErrors().stream().map(CompiledGraphJson::error).toList());
        out.put("graphErrors", errors);
        List<Object> targets = new ArrayList<>();
        g.runnableActions().forEach(a -> targets.add(target(a.target())));
        g.tests().forEach(t -> targets.add(target(g.projectConfig().finalized(canonicalTarget(t, g.projectConfig())))));
        out.put("targets", targets);
        return out;
    }

    private static Map<String, Object> table(TableAction t, ActionMetadata m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", t.type().jsonName());
        o.put("enumType", t.type().name());
        common(o, t.target(), m, t.fileName(), t.dependencyTargets(), t.tags(), t.descriptor());
        o.put("disabled", t.disabled());
        put(o, "query", t.query());
        put(o, "incrementalQuery", t.incrementalQuery());
        put(o, "where", t.where());
        put(o, "preOps", t.preOps());
        put(o, "postOps", t.postOps());
        put(o, "incrementalPreOps", t.incrementalPreOps());
        put(o, "incrementalPostOps", t.incrementalPostOps());
        put(o, "uniqueKey", t.uniqueKey());
        if (t.isProtected()) o.put("protected", true);
        if (t.materialized()) o.put("materialized", true);
        if (t.type() == ActionType.INCREMENTAL) {
            o.put("onSchemaChange", t.onSchemaChange().name());
            o.put("incrementalStrategy", t.incrementalStrategy().jsonName());
        }
        Map<String, Object> bq = bigquery(t.bigquery(), m);
        if (!bq.isEmpty()) o.put("bigquery", bq);
        return o;
    }

    private static Map<String, Object> operation(OperationAction a, ActionMetadata m) {
        Map<String, Object> o = new LinkedHashMap<>();
        common(o, a.target(), m, a.fileName(), a.dependencyTargets(), a.tags(), a.descriptor());
        put(o, "queries", a.queries());
        if (a.hasOutput()) o.put("hasOutput", true);
        if (a.disabled()) o.put("disabled", true);
        return o;
    }

    private static Map<String, Object> assertion(AssertionAction a, ActionMetadata m) {
        Map<String, Object> o = new LinkedHashMap<>();
        common(o, a.target(), m, a.fileName(), a.dependencyTargets(), a.tags(), a.descriptor());
        put(o, "query", a.query());
        if (a.parentAction() != null) o.put("parentAction", target(a.parentAction()));
        if (a.disabled()) o.put("disabled", true);
        return o;
    }

    private static Map<String, Object> declaration(DeclarationAction d, ActionMetadata m) {
        Map<String, Object> o = new LinkedHashMap<>();
        common(o, d.target(), m, d.fileName(), List.of(), d.tags(), d.descriptor());
        return o;
    }

    private static Map<String, Object> test(TestAction t, ProjectConfig c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", t.name());
        // like every action's target, the test's gets the suffixes and prefix; the canonical one does not
        Target canonical = canonicalTarget(t, c);
        Target target = c.finalized(canonical);
        o.put("target", target(target));
        o.put("canonicalTarget", target(canonical));
        put(o, "testQuery", t.testQuery());
        put(o, "expectedOutputQuery", t.expectedOutputQuery());
        put(o, "fileName", t.fileName());
        return o;
    }

    private static Target canonicalTarget(TestAction t, ProjectConfig c) {
        return new Target(t.database() != null ? t.database() : c.defaultDatabase(), t.schema() != null ? t.schema() : c.defaultSchema(), t.name());
    }

    private static void common(Map<String, Object> o, Target target, ActionMetadata m, String fileName, List<Target> deps,
            List<String> tags, ActionDescriptor descriptor) {
        o.put("target", target(target));
        if (m != null && m.canonicalTarget() != null) o.put("canonicalTarget", target(m.canonicalTarget()));
        put(o, "fileName", fileName);
        if (!deps.isEmpty()) o.put("dependencyTargets", deps.stream().map(CompiledGraphJson::target).toList());
        put(o, "tags", tags);
        if (m != null && m.hermeticity() != null) o.put("hermeticity", m.hermeticity());
        Map<String, Object> d = descriptor(descriptor, m);
        if (!d.isEmpty()) o.put("actionDescriptor", d);
    }

    private static Map<String, Object> descriptor(ActionDescriptor d, ActionMetadata m) {
        Map<String, Object> o = new LinkedHashMap<>();
        put(o, "description", d.description());
        if (!d.columns().isEmpty()) o.put("columns", d.columns().stream().map(CompiledGraphJson::column).toList());
        if (m != null && !m.bigqueryLabels().isEmpty()) o.put("bigqueryLabels", m.bigqueryLabels());
        return o;
    }

    private static Map<String, Object> column(ColumnDescriptor c) {
        Map<String, Object> o = new LinkedHashMap<>();
        put(o, "description", c.description());
        o.put("path", c.path());
        put(o, "tags", c.tags());
        put(o, "bigqueryPolicyTags", c.bigqueryPolicyTags());
        return o;
    }

    private static Map<String, Object> bigquery(BigQueryOptions b, ActionMetadata m) {
        Map<String, Object> o = new LinkedHashMap<>();
        put(o, "partitionBy", b.partitionBy());
        put(o, "clusterBy", b.clusterBy());
        if (b.labels() != null && !b.labels().isEmpty()) o.put("labels", b.labels());
        if (b.partitionExpirationDays() != null) o.put("partitionExpirationDays", b.partitionExpirationDays());
        if (Boolean.TRUE.equals(b.requirePartitionFilter())) o.put("requirePartitionFilter", true);
        put(o, "updatePartitionFilter", b.updatePartitionFilter());
        if (m != null && !m.additionalOptions().isEmpty()) o.put("additionalOptions", m.additionalOptions());
        return o;
    }

    /** In the order of Dataform's output: the protobuf field numbers of ProjectConfig; the vars in their own order. */
    private static Map<String, Object> projectConfig(ProjectConfig c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("warehouse", "bigquery");
        put(o, "defaultSchema", c.defaultSchema());
        put(o, "assertionSchema", c.assertionSchema());
        put(o, "schemaSuffix", c.schemaSuffix());
        put(o, "defaultDatabase", c.defaultDatabase());
        put(o, "tablePrefix", c.tablePrefix());
        if (!c.vars().isEmpty()) o.put("vars", c.vars());
        put(o, "databaseSuffix", c.databaseSuffix());
        put(o, "defaultLocation", c.defaultLocation());
        put(o, "builtinAssertionNamePrefix", c.builtinAssertionNamePrefix());
        if (c.disableAssertions()) o.put("disableAssertions", true);
        return o;
    }

    private static Map<String, Object> error(CompileError e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("fileName", e.location() == null ? null : e.location().file());
        o.put("message", e.message());
        if (e.location() != null && e.location().line() > 0) {
            o.put("line", e.location().line());
            o.put("column", e.location().column());
        }
        put(o, "hint", e.hint());
        put(o, "actionName", e.actionName());
        return o;
    }

    private static Map<String, Object> target(Target t) {
        Map<String, Object> o = new LinkedHashMap<>();
        put(o, "database", t.database());
        put(o, "schema", t.schema());
        put(o, "name", t.name());
        return o;
    }

    private static void put(Map<String, Object> o, String key, String value) {
        if (value != null && !value.isEmpty()) o.put(key, value);
    }

    private static void put(Map<String, Object> o, String key, List<String> value) {
        if (value != null && !value.isEmpty()) o.put(key, value);
    }
}
