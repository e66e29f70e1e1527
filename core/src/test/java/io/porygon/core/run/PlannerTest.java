package io.porygon.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.ObjectKind;
import io.porygon.core.graph.Action;
import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.BigQueryOptions;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.DeclarationAction;
import io.porygon.core.graph.ProjectConfig;
import io.porygon.core.graph.SettingsFile;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.ScriptScope;
import io.porygon.core.sql.ScriptTranslation;
import io.porygon.core.sql.Translator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Selection, ordering and incremental decisions; the warehouse state is a plain set of existing tables. */
class PlannerTest {
    static final Translator UPPER = (sql, at) -> sql.toUpperCase();

    final Target src = new Target("p", "raw", "src");
    final Target a = new Target("p", "s", "a");
    final Target b = new Target("p", "s", "b");
    final Target c = new Target("p", "s", "c");
    final Target inc = new Target("p", "s", "inc");
    final Target check = new Target("p", "dataform_assertions", "a_ok");

    final CompiledGraph graph = graph(
            new DeclarationAction(src, ActionDescriptor.EMPTY, "definitions/src.sqlx", List.of(), 0),
            table(a, ActionType.TABLE, "select 1 from `p.raw.src`", List.of("daily"), src),
            table(b, ActionType.VIEW, "select * from `p.s.a`", List.of(), a),
            table(c, ActionType.TABLE, "select * from `p.s.b`", List.of("weekly"), b),
            table(inc, ActionType.INCREMENTAL, "select full from `p.s.a`", List.of(), a),
            new AssertionAction(check, "select * from `p.s.a` where x", a, List.of(a), List.of(), ActionDescriptor.EMPTY, false,
                    "definitions/a.sqlx", 2));

    @Test
    void plansEverythingInDependencyOrderWithTranslatedSqlAndMappedNames() {
        ExecutionPlan plan = planner(Set.of()).plan(graph, RunOptions.all());
        List<String> order = ids(plan);
        assertThat(order.indexOf("p.raw.src")).isLessThan(order.indexOf("p.s.a"));
        assertThat(order.indexOf("p.s.a")).isLessThan(order.indexOf("p.s.b"));
        assertThat(order.indexOf("p.s.b")).isLessThan(order.indexOf("p.s.c"));
        PlannedAction pa = plan.byId().get("p.s.a");
        assertThat(pa.sql()).isEqualTo("SELECT 1 FROM `RAW.SRC`");
        assertThat(pa.warehouseTarget()).isEqualTo(new Target(null, "s", "a"));
        assertThat(plan.byId().get("p.s.b").step()).isEqualTo(Step.CREATE_VIEW);
        assertThat(plan.byId().get("p.raw.src").step()).isEqualTo(Step.CHECK_SOURCE);
    }

    @Test
    void aWildcardTableComesWithTheActionsThatReadIt() {
        // its check makes the view its readers read, as a source an action cannot run without
        Target wildcard = new Target("p", "ga", "events_*");
        CompiledGraph g = graph(new DeclarationAction(wildcard, ActionDescriptor.EMPTY, "definitions/sources.js", List.of(), 0),
                table(a, ActionType.TABLE, "select 1 from `p.ga.events_*`", List.of(), wildcard));
        assertThat(ids(planner(Set.of()).plan(g, options(List.of("a"), List.of(), false, false)))).containsExactly("p.ga.events_*", "p.s.a");
    }

    @Test
    void anActionInTheRunHistorysDatasetIsRefusedAtItsFile() {
        Target history = new Target("p", "Porygon_Meta", "runs");
        assertThatThrownBy(() -> planner(Set.of()).plan(graph(table(history, ActionType.TABLE, "select 1", List.of())), RunOptions.all()))
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining("porygon_meta holds Porygon's run history")
                .satisfies(e -> assertThat(((PorygonException) e).location().file()).isEqualTo("definitions/runs.sqlx"));
    }

    @Test
    void actionsWithoutADatasetAreOneErrorAtTheSettingsThatLackDefaultDataset() {
        // Dataform compiles a project without defaultDataset; no warehouse can hold its targets. The fix is in
        // workflow_settings.yaml, not on the line of a model's SQL: one error there, naming every action's file
        Planner noDefault = new Planner(new WarehouseNames(DatabaseMapping.IGNORE, null), UPPER, t -> ObjectKind.NONE);
        CompiledGraph g = graph(table(new Target("p", null, "x"), ActionType.TABLE, "select 1", List.of()),
                table(new Target("p", null, "y"), ActionType.VIEW, "select 2", List.of()));
        assertThatThrownBy(() -> noDefault.plan(g, RunOptions.all()))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.location()).hasToString("workflow_settings.yaml:1");
                    assertThat(e.getMessage()).startsWith("2 actions have no dataset: workflow_settings.yaml sets no defaultDataset")
                            .contains("x (definitions/x.sqlx), y (definitions/y.sqlx)");
                    assertThat(e.hint()).contains("add defaultDataset:");
                });
        // with datasets prefixed by the project, not "p_null"
        Planner prefixed = new Planner(new WarehouseNames(DatabaseMapping.PREFIX_SCHEMA, null), UPPER, t -> ObjectKind.NONE);
        assertThatThrownBy(() -> prefixed.plan(g, RunOptions.all()))
                .isInstanceOfSatisfying(PorygonException.class, e -> assertThat(e.render()).contains("have no dataset"));
    }

    @Test
    void aDataform2ProjectWithoutADatasetIsToldToEditDataformJson() {
        // its settings came from dataform.json, where the default dataset is defaultSchema: no workflow_settings.yaml to edit
        Planner noDefault = new Planner(new WarehouseNames(DatabaseMapping.IGNORE, null), UPPER, t -> ObjectKind.NONE);
        CompiledGraph g = graph(SettingsFile.DATAFORM_JSON, table(new Target("p", null, "x"), ActionType.TABLE, "select 1", List.of()));
        assertThatThrownBy(() -> noDefault.plan(g, RunOptions.all()))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.location()).hasToString("dataform.json:1");
                    assertThat(e.getMessage()).startsWith("1 action has no dataset: dataform.json sets no defaultSchema")
                            .doesNotContain("workflow_settings.yaml");
                    assertThat(e.hint()).startsWith("add \"defaultSchema\": \"<dataset>\" to dataform.json");
                });
    }

    @Test
    void whatReadsADisabledActionIsToldItIsNotBuilt() {
        TableAction off = new TableAction(a, ActionType.TABLE, "select 1", null, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), ActionDescriptor.EMPTY, BigQueryOptions.NONE, List.of(), false, false, true, "definitions/a.sqlx", 2,
                io.porygon.core.graph.OnSchemaChange.IGNORE);
        ExecutionPlan plan = planner(Set.of()).plan(graph(off, table(b, ActionType.TABLE, "select * from a", List.of(), a),
                table(c, ActionType.TABLE, "select 2", List.of())), RunOptions.all());
        Map<String, String> notes = new HashMap<>();
        plan.actions().forEach(p -> notes.put(p.action().target().name(), String.valueOf(p.note())));
        assertThat(notes).containsEntry("b", "depends on s.a, which is disabled (disabled: true) and not built by this run")
                .containsEntry("a", "null").containsEntry("c", "null");
    }

    @Test
    void whatDependsOnATableLeftOutOfTheRunAndNotYetBuiltIsToldToAddIncludeDeps() {
        // a first run of --actions c: b, which it reads, was never built, so c fails with the warehouse's "does not exist"
        PlannedAction first = planner(Set.of()).plan(graph, options(List.of("c"), List.of(), false, false)).byId().get("p.s.c");
        assertThat(first.note()).isEqualTo("depends on s.b, which is not in this run and not in the warehouse yet: add --include-deps to build it first");
        // once built, or in the run, nothing to say; nor of a source, whose check says what is missing
        assertThat(planner(Set.of("s.b")).plan(graph, options(List.of("c"), List.of(), false, false)).byId().get("p.s.c").note()).isNull();
        assertThat(planner(Set.of()).plan(graph, options(List.of("c"), List.of(), true, false)).actions())
                .allSatisfy(p -> assertThat(p.note()).isNull());
        assertThat(planner(Set.of()).plan(graph, options(List.of("a"), List.of(), false, false)).byId().get("p.s.a").note()).isNull();
    }

    @Test
    void aTableOrAssertionWithoutAQueryIsRefusedAtItsFile() {
        CompiledGraph g = graph(table(a, ActionType.TABLE, " \n", List.of()));
        assertThatThrownBy(() -> planner(Set.of()).plan(g, RunOptions.all()))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).contains("a has no query");
                    assertThat(e.location().file()).isEqualTo("definitions/a.sqlx");
                    assertThat(e.hint()).isEqualTo("write the SELECT the table is built from after the config block");
                });
        CompiledGraph empty = graph(new AssertionAction(check, "", null, List.of(), List.of(), ActionDescriptor.EMPTY, false,
                "definitions/a_ok.sqlx", 2));
        assertThatThrownBy(() -> planner(Set.of()).plan(empty, RunOptions.all())).hasMessageContaining("a_ok has no query");
    }

    @Test
    void aViewsQueryIsTranslatedAsAViewsQuery() {
        Translator marksViews = new Translator() {
            @Override
            public String translate(String sql, SourceLocation at) {
                return sql;
            }

            @Override
            public ScriptTranslation translateViewQuery(String sql, SourceLocation at, ScriptScope scope) {
                return new ScriptTranslation("view: " + sql, scope);
            }
        };
        ExecutionPlan plan = new Planner(new WarehouseNames(DatabaseMapping.IGNORE, "dataform"), marksViews, t -> ObjectKind.NONE)
                .plan(graph, RunOptions.all());
        assertThat(plan.byId().get("p.s.b").sql()).isEqualTo("view: select * from `s.a`");
        assertThat(plan.byId().get("p.s.c").sql()).isEqualTo("select * from `s.b`");
    }

    @Test
    void dependentsOfACheckedTableWaitForItsAssertions() {
        ExecutionPlan plan = planner(Set.of()).plan(graph, RunOptions.all());
        assertThat(plan.byId().get("p.s.b").upstream()).containsExactlyInAnyOrder("p.s.a", "p.dataform_assertions.a_ok");
        assertThat(plan.byId().get("p.dataform_assertions.a_ok").upstream()).containsExactly("p.s.a");
    }

    @Test
    void assertionsNeverWaitForOtherAssertions() {
        Target custom = new Target("p", "dataform_assertions", "a_custom");
        CompiledGraph withCustom = graph(
                table(a, ActionType.TABLE, "select 1 as x", List.of()),
                new AssertionAction(check, "select * from `p.s.a` where x", a, List.of(a), List.of(), ActionDescriptor.EMPTY, false,
                        "definitions/a.sqlx", 2),
                new AssertionAction(custom, "select * from `p.s.a` where x > 1", null, List.of(a), List.of(), ActionDescriptor.EMPTY,
                        false, "definitions/a_custom.sqlx", 2));
        ExecutionPlan plan = planner(Set.of()).plan(withCustom, RunOptions.all());
        assertThat(plan.byId().get("p.dataform_assertions.a_custom").upstream()).containsExactly("p.s.a");
    }

    @Test
    void selectsByNameAndTagWithDepsOrDependents() {
        assertThat(ids(planner(Set.of()).plan(graph, options(List.of("b"), List.of(), false, false)))).containsExactly("p.s.b");
        assertThat(ids(planner(Set.of()).plan(graph, options(List.of("s.b"), List.of(), true, false))))
                .containsExactlyInAnyOrder("p.raw.src", "p.s.a", "p.s.b");
        assertThat(ids(planner(Set.of()).plan(graph, options(List.of(), List.of("daily"), false, true))))
                .containsExactlyInAnyOrder("p.s.a", "p.s.b", "p.s.c", "p.s.inc", "p.dataform_assertions.a_ok");
        assertThat(ids(planner(Set.of()).plan(graph, options(List.of("p.s.c"), List.of("daily"), false, false))))
                .containsExactly("p.s.a", "p.s.c");
    }

    @Test
    void unknownNamesAndTagsAreUsageErrors() {
        assertThatThrownBy(() -> planner(Set.of()).plan(graph, options(List.of("zz"), List.of(), false, false)))
                .isInstanceOf(PorygonException.class).hasMessageContaining("no action named 'zz'");
        assertThatThrownBy(() -> planner(Set.of()).plan(graph, options(List.of(), List.of("hourly"), false, false)))
                .isInstanceOf(PorygonException.class).hasMessageContaining("no action has the tag 'hourly'");
        // a misspelt tag gets a "did you mean", as a misspelt name does
        assertThatThrownBy(() -> planner(Set.of()).plan(graph, options(List.of(), List.of("dialy"), false, false)))
                .isInstanceOf(PorygonException.class).hasMessageContaining("no action has the tag 'dialy'")
                .satisfies(e -> assertThat(((PorygonException) e).hint()).startsWith("did you mean daily?"));
    }

    @Test
    void aNameThatCouldMeanTwoActionsIsAUsageErrorAsInDataform() {
        CompiledGraph twoAs = graph(table(a, ActionType.TABLE, "select 1", List.of()),
                table(new Target("p", "other", "a"), ActionType.TABLE, "select 2", List.of()));
        assertThatThrownBy(() -> planner(Set.of()).plan(twoAs, options(List.of("a"), List.of(), false, false)))
                .isInstanceOf(PorygonException.class).hasMessageContaining("ambiguous action name 'a': it could be s.a, other.a");
        assertThat(ids(planner(Set.of()).plan(twoAs, options(List.of("other.a"), List.of(), false, false)))).containsExactly("p.other.a");
        // the same dataset and name in two projects: only project.dataset.name tells them apart
        CompiledGraph twoProjects = graph(table(a, ActionType.TABLE, "select 1", List.of()),
                table(new Target("q", "s", "a"), ActionType.TABLE, "select 2", List.of()));
        Planner prefixed = new Planner(new WarehouseNames(DatabaseMapping.PREFIX_SCHEMA, null), UPPER, t -> ObjectKind.NONE);
        assertThatThrownBy(() -> prefixed.plan(twoProjects, options(List.of("a"), List.of(), false, false)))
                .isInstanceOf(PorygonException.class).hasMessageContaining("it could be p.s.a, q.s.a")
                .satisfies(e -> assertThat(((PorygonException) e).hint()).startsWith("give project.dataset.name"));
    }

    @Test
    void aNameOfASourceAndOfAModelMeansTheModelAsInDataform() {
        // Dataform's --actions never matches a declaration, so a model named as its source is not ambiguous there
        Target model = new Target("p", "s", "src");
        CompiledGraph sameName = graph(new DeclarationAction(src, ActionDescriptor.EMPTY, "definitions/src.sqlx", List.of(), 0),
                table(model, ActionType.TABLE, "select * from `p.raw.src`", List.of(), src));
        assertThat(ids(planner(Set.of()).plan(sameName, options(List.of("src"), List.of(), false, false)))).containsExactly("p.s.src");
        // the source is still named by its dataset, and checked
        assertThat(ids(planner(Set.of()).plan(sameName, options(List.of("raw.src"), List.of(), false, false)))).containsExactly("p.raw.src");
        // two sources of one name are still ambiguous
        CompiledGraph twoSources = graph(new DeclarationAction(src, ActionDescriptor.EMPTY, "definitions/src.sqlx", List.of(), 0),
                new DeclarationAction(new Target("p", "raw2", "src"), ActionDescriptor.EMPTY, "definitions/src2.sqlx", List.of(), 0));
        assertThatThrownBy(() -> planner(Set.of()).plan(twoSources, options(List.of("src"), List.of(), false, false)))
                .isInstanceOf(PorygonException.class).hasMessageContaining("ambiguous action name 'src'");
    }

    @Test
    void incrementalRunsOnlyWhenTheTableExistsAndNoFullRefreshIsAsked() {
        assertThat(planner(Set.of()).plan(graph, RunOptions.all()).byId().get("p.s.inc").step()).isEqualTo(Step.BUILD_INCREMENTAL);
        PlannedAction again = planner(Set.of("s.inc")).plan(graph, RunOptions.all()).byId().get("p.s.inc");
        assertThat(again.step()).isEqualTo(Step.APPEND_INCREMENT);
        assertThat(again.sql()).isEqualTo("SELECT NEW FROM `S.A`");
        assertThat(planner(Set.of("s.inc")).plan(graph, RunOptions.all().withFullRefresh(true)).byId().get("p.s.inc").step())
                .isEqualTo(Step.BUILD_INCREMENTAL);
    }

    @Test
    void everyUntranslatableActionIsReportedAtOnce() {
        Translator refuses = (sql, at) -> {
            if (sql.contains("`s.")) throw new PorygonException(at, "cannot translate", "rewrite it");
            return sql;
        };
        Planner planner = new Planner(new WarehouseNames(DatabaseMapping.IGNORE, "dataform"), refuses, t -> ObjectKind.NONE);
        assertThatThrownBy(() -> planner.plan(graph, RunOptions.all()))
                .isInstanceOfSatisfying(PlanException.class, e -> {
                    assertThat(e.problems()).hasSize(4);
                    assertThat(e.render()).contains("definitions/b.sqlx:7: cannot translate", "definitions/a.sqlx:2: cannot translate");
                });
    }

    @Test
    void aBuiltInAssertionThatCannotBeTranslatedIsReportedAtTheKeyThatAskedForIt() {
        // rowConditions: ["x <= ${1}"] in a plain string: the generated query's fourth line cannot be parsed, but its
        // lines are not the file's (line 4 of definitions/a.sqlx holds the rowConditions key)
        String generated = "SELECT\n  'x <= ${1}' AS failing_row_condition,\n  *\nFROM `p.s.a`\nWHERE NOT (x <= ${1})";
        AssertionAction rowConditions = new AssertionAction(new Target("p", "dataform_assertions", "s_a_assertions_rowConditions"),
                generated, a, List.of(a), List.of(), ActionDescriptor.EMPTY, false, "definitions/a.sqlx", 4);
        CompiledGraph g = graph(table(a, ActionType.TABLE, "select 1 as x", List.of()), rowConditions);
        Planner planner = new Planner(new WarehouseNames(DatabaseMapping.IGNORE, "dataform"), new io.porygon.core.sql.DuckDbTranslator(),
                t -> ObjectKind.NONE);
        assertThatThrownBy(() -> planner.plan(g, RunOptions.all()))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).startsWith("cannot parse this statement");
                    assertThat(e.location()).hasToString("definitions/a.sqlx:4");
                });
    }

    @Test
    void anUntranslatableQueryThatAJsFileBuildsInAnIncludeIsReportedAtTheCall() {
        // definitions/s.js calls on line 2 a function of includes/sess.js that publishes the query: its text is not in s.js,
        // so its fourth line is not line 4 of s.js (which has two)
        List<String> js = List.of("// sessions", "require(\"includes/sess.js\")(\"sess\");");
        String query = "\nselect\n  u,\n  farm_fingerprint(u) as session_id\nfrom `p.s.a`\n";
        TableAction fromInclude = new TableAction(b, ActionType.TABLE, query, null, null, List.of(), List.of(), List.of(), List.of(),
                List.of(a), List.of(), ActionDescriptor.EMPTY, BigQueryOptions.NONE, List.of(), false, false, false, "definitions/s.js", 2,
                io.porygon.core.graph.OnSchemaChange.IGNORE, io.porygon.core.graph.IncrementalStrategy.UNSPECIFIED,
                io.porygon.core.graph.StatementLines.locate(js, 2, List.of(query), List.of()));
        CompiledGraph g = graph(table(a, ActionType.TABLE, "select 'x' as u", List.of()), fromInclude);
        Planner planner = new Planner(new WarehouseNames(DatabaseMapping.IGNORE, "dataform"), new io.porygon.core.sql.DuckDbTranslator(),
                t -> ObjectKind.NONE);
        assertThatThrownBy(() -> planner.plan(g, RunOptions.all()))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).contains("FARM_FINGERPRINT");
                    assertThat(e.location()).hasToString("definitions/s.js:2");
                });
    }

    @Test
    void theWarehouseIsAskedOnTheCallingThreadAndParallelTranslationKeepsThePlanOrder() {
        Thread caller = Thread.currentThread();
        List<Thread> askedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        Planner planner = new Planner(new WarehouseNames(DatabaseMapping.IGNORE, "dataform"), UPPER, t -> {
            askedOn.add(Thread.currentThread());
            return ObjectKind.TABLE;
        });
        List<String> order = planner.plan(graph, RunOptions.all()).actions().stream().map(PlannedAction::id).toList();
        for (int i = 0; i < 20; i++) {
            assertThat(planner.plan(graph, RunOptions.all()).actions()).extracting(PlannedAction::id).containsExactlyElementsOf(order);
        }
        assertThat(askedOn).isNotEmpty().allMatch(t -> t == caller);
    }

    @Test
    void targetsThatCollideOnceTheProjectIsDroppedAreAnErrorUnlessPrefixed() {
        Target other = new Target("q", "s", "A");
        CompiledGraph clash = graph(table(a, ActionType.TABLE, "select 1", List.of()), table(other, ActionType.TABLE, "select 2", List.of()));
        assertThatThrownBy(() -> planner(Set.of()).plan(clash, RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("both become s.A");
        Planner prefixed = new Planner(new WarehouseNames(DatabaseMapping.PREFIX_SCHEMA, "dataform"), UPPER, t -> ObjectKind.NONE);
        assertThat(prefixed.plan(clash, RunOptions.all()).actions()).extracting(p -> p.warehouseTarget().schema())
                .containsExactlyInAnyOrder("p_s", "q_s");
    }

    // ---- helpers ----

    private static Planner planner(Set<String> existingTables) {
        return new Planner(new WarehouseNames(DatabaseMapping.IGNORE, "dataform"), UPPER,
                t -> existingTables.contains(t.schema() + "." + t.name()) ? ObjectKind.TABLE : ObjectKind.NONE);
    }

    private static RunOptions options(List<String> actions, List<String> tags, boolean deps, boolean dependents) {
        return new RunOptions(false, actions, tags, deps, dependents);
    }

    private static List<String> ids(ExecutionPlan plan) {
        return plan.actions().stream().map(PlannedAction::id).toList();
    }

    private static TableAction table(Target t, ActionType type, String query, List<String> tags, Target... deps) {
        String incremental = type == ActionType.INCREMENTAL ? query.replace("full", "new") : null;
        return new TableAction(t, type, query, incremental, List.of(), List.of(), List.of(), List.of(), List.of(deps), tags,
                ActionDescriptor.EMPTY, BigQueryOptions.NONE, List.of(), false, false, false,
                "definitions/" + t.name() + ".sqlx", 7, io.porygon.core.graph.OnSchemaChange.IGNORE);
    }

    private static CompiledGraph graph(Action... actions) {
        return graph(SettingsFile.WORKFLOW_SETTINGS_YAML, actions);
    }

    private static CompiledGraph graph(SettingsFile settings, Action... actions) {
        List<TableAction> tables = new ArrayList<>();
        List<AssertionAction> assertions = new ArrayList<>();
        List<DeclarationAction> declarations = new ArrayList<>();
        for (Action x : actions) {
            if (x instanceof TableAction t) tables.add(t);
            if (x instanceof AssertionAction s) assertions.add(s);
            if (x instanceof DeclarationAction d) declarations.add(d);
        }
        return new CompiledGraph(new ProjectConfig("p", "dataform", "US", "dataform_assertions", null, null, null, null, false, Map.of(), settings),
                tables, List.of(), assertions, declarations, List.of(), List.of());
    }
}
