package io.porygon.core.run;

import static io.porygon.core.run.Graphs.*;
import static io.porygon.core.run.Runs.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.Porygon;
import io.porygon.core.PorygonException;
import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.BigQueryOptions;
import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.OnSchemaChange;
import io.porygon.core.graph.OperationAction;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.DuckDbTranslator;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BigQuery script variables (DECLARE / SET) in actions, translated and run on a real DuckDB file. */
class ScriptVariablesRunTest {
    @TempDir Path dir;
    DuckDbEngine engine;

    final Target events = t("raw", "events");
    final Target fct = t("mart", "events_fct");

    @BeforeEach
    void open() {
        engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")));
        engine.execute("CREATE SCHEMA raw");
        engine.execute("CREATE TABLE raw.events AS SELECT * FROM (VALUES "
                + "(1, TIMESTAMPTZ '2024-01-01 10:00:00+00'), (2, TIMESTAMPTZ '2024-01-02 10:00:00+00')) v(id, created_at)");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** The runner with the real GoogleSQL translator (the other runner tests use SQL that needs none). */
    private Planner planner(String defaultSchema) {
        WarehouseNames names = new WarehouseNames(DatabaseMapping.IGNORE, defaultSchema);
        return new Planner(names, new DuckDbTranslator(target -> DuckDbTranslator.schemaAndName(names.map(target))), engine::kind);
    }

    private RunResult runTranslated(CompiledGraph graph, int threads) {
        return new DagRunner(engine, threads, RunListener.NONE).run(planner("dataform").plan(graph, RunOptions.all()));
    }

    /** An incremental table whose pre-operations differ between a full build and an increment, as Dataform's when(incremental()). */
    private static TableAction checkpointed(Target target, String fullPre, String incrementalPre, String query, Target... deps) {
        return new TableAction(target, ActionType.INCREMENTAL, query, query, List.of(fullPre), List.of(), List.of(incrementalPre),
                List.of(), List.of(deps), List.of(), ActionDescriptor.EMPTY, BigQueryOptions.NONE, List.of(), false, false, false,
                "definitions/" + target.name() + ".sqlx", 9, OnSchemaChange.IGNORE);
    }

    @Test
    void theCheckpointPatternBuildsInFullThenAppendsOnlyRowsAfterTheCheckpoint() {
        TableAction model = checkpointed(fct,
                "DECLARE event_timestamp_checkpoint DEFAULT (\n  SELECT TIMESTAMP(\"2000-01-01\")\n)",
                "DECLARE event_timestamp_checkpoint DEFAULT (\n  SELECT MAX(created_at) FROM `proj.mart.events_fct`\n)",
                "SELECT id, created_at FROM `proj.raw.events` WHERE created_at > event_timestamp_checkpoint", events);

        RunResult first = runTranslated(graph(declaration(events), model), 2);
        assertThat(result(first, "mart.events_fct").step()).isEqualTo(Step.BUILD_INCREMENTAL);
        assertThat(result(first, "mart.events_fct").rowsWritten()).isEqualTo(2);

        // two new events, and one that arrives late with a time before the checkpoint: BigQuery skips it too
        engine.execute("INSERT INTO raw.events VALUES (3, TIMESTAMPTZ '2024-01-03 10:00:00+00'), "
                + "(4, TIMESTAMPTZ '2024-01-04 10:00:00+00'), (5, TIMESTAMPTZ '2023-12-31 10:00:00+00')");
        RunResult second = runTranslated(graph(declaration(events), model), 2);
        assertThat(second.succeeded()).isTrue();
        assertThat(result(second, "mart.events_fct").step()).isEqualTo(Step.APPEND_INCREMENT);
        assertThat(result(second, "mart.events_fct").rowsWritten()).isEqualTo(2);
        assertThat(rows(engine, "SELECT id FROM mart.events_fct ORDER BY id")).containsExactly("1", "2", "3", "4");
    }

    @Test
    void twoActionsDeclaringOneNameNeverSeeEachOthersValue() {
        Target a = t("s", "a");
        Target b = t("s", "b");
        Target c = t("s", "c");
        for (int threads : new int[] {1, 2}) {
            // on one thread b and c run after a on a's session; on two, a and b may run side by side
            RunResult r = runTranslated(graph(
                    withOps(a, "SELECT v AS val", List.of("DECLARE v STRING DEFAULT 'from a'"), List.of()),
                    withOps(b, "SELECT v AS val", List.of("DECLARE v STRING"), List.of()),
                    table(c, "SELECT v AS val", a, b)), threads);

            assertThat(rows(engine, "SELECT val FROM s.a")).as("threads %d", threads).containsExactly("from a");
            assertThat(rows(engine, "SELECT val FROM s.b")).as("threads %d", threads).containsExactly("null");
            // c declares nothing: v is a column there, and SELECT v has none
            assertThat(result(r, "s.c").status()).as("threads %d", threads).isEqualTo(ActionStatus.FAILED);
            assertThat(result(r, "s.c").error()).contains("column \"v\" was not found");
        }
    }

    @Test
    void anActionsVariablesAreResetWhenItEndsEvenWhenItFails() {
        Target ok = t("s", "ok");
        Target broken = t("s", "broken");
        ExecutionPlan plan = planner("dataform").plan(graph(
                withOps(ok, "SELECT x AS val", List.of("DECLARE x INT64 DEFAULT 1"), List.of("SET x = x + 1")),
                withOps(broken, "SELECT error('boom') AS val", List.of("DECLARE y INT64 DEFAULT 2"), List.of())), RunOptions.all());
        ActionExecutor executor = new ActionExecutor(() -> false);
        for (PlannedAction p : plan.actions()) {
            assertThat(p.cleanup()).isNotEmpty();
            executor.execute(p, engine);
        }
        assertThat(rows(engine, "SELECT val FROM s.ok")).containsExactly("1");
        assertThat(rows(engine, "SELECT getvariable('x') IS NULL, getvariable('y') IS NULL")).containsExactly("true|true");
    }

    @Test
    void aPostOperationThatOnlyDeclaresAVariableButFailsLeavesThePreviousTable() {
        Target out = t("mart", "out");
        assertThat(runTranslated(graph(table(out, "SELECT 1 AS id")), 1).succeeded()).isTrue();
        // a check written as a DECLARE changes no table, yet fails after the table was built: that table is not kept
        RunResult r = runTranslated(graph(withOps(out, "SELECT 2 AS id UNION ALL SELECT 2", List.of(), List.of(
                "DECLARE dupes INT64 DEFAULT (\n  SELECT IF(COUNT(*) > COUNT(DISTINCT id), ERROR('duplicate ids'), 0) FROM `proj.mart.out`\n)"))), 1);
        assertThat(result(r, "mart.out").status()).isEqualTo(ActionStatus.FAILED);
        assertThat(result(r, "mart.out").error()).contains("Invalid Input Error: duplicate ids");
        assertThat(rows(engine, "SELECT id FROM mart.out")).containsExactly("1");
    }

    @Test
    void aCancelThatComesDuringPostOperationsThatOnlySetVariablesKeepsThePreviousTable() {
        Target out = t("mart", "out");
        assertThat(runTranslated(graph(table(out, "SELECT 1 AS id")), 1).succeeded()).isTrue();
        PlannedAction p = planner("dataform").plan(graph(withOps(out, "SELECT 2 AS id", List.of(), List.of("DECLARE done BOOL DEFAULT TRUE"))),
                RunOptions.all()).actions().get(0);
        // Ctrl-C comes while the post-operation runs: the table before it is not committed
        ActionResult r = new ActionExecutor(() -> scalar(engine, "SELECT count(*) FROM duckdb_variables() WHERE name = 'done'") > 0)
                .execute(p, engine);
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.CANCELLED);
        assertThat(rows(engine, "SELECT id FROM mart.out")).containsExactly("1");
    }

    @Test
    void anOperationsStatementsShareOneScript() {
        Target op = t("s", "op");
        RunResult r = runTranslated(graph(operation(op, true, List.of(
                "DECLARE n INT64 DEFAULT (SELECT COUNT(*) FROM `proj.raw.events`)",
                "SET n = n * 10;\nCREATE OR REPLACE TABLE `proj.s.op` AS SELECT n AS total"))), 1);
        assertThat(r.succeeded()).isTrue();
        assertThat(rows(engine, "SELECT total FROM s.op")).containsExactly("20");
    }

    @Test
    void aViewReadingAVariableIsAPlanningError() {
        Target v = t("s", "v");
        TableAction view = new TableAction(v, ActionType.VIEW, "SELECT id FROM `proj.raw.events` WHERE id > cutoff", null,
                List.of("DECLARE cutoff INT64 DEFAULT 1"), List.of(), List.of(), List.of(), List.of(), List.of(), ActionDescriptor.EMPTY,
                BigQueryOptions.NONE, List.of(), false, false, false, "definitions/v.sqlx", 4, OnSchemaChange.IGNORE);
        assertThatThrownBy(() -> planner("dataform").plan(graph(view), RunOptions.all()))
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining("view v reads a script variable declared before it (cutoff)")
                .satisfies(e -> assertThat(((PorygonException) e).location().file()).isEqualTo("definitions/v.sqlx"));
        // declaring a variable the view does not read is fine
        TableAction unread = new TableAction(v, ActionType.VIEW, "SELECT id FROM `proj.raw.events`", null,
                List.of("DECLARE cutoff INT64 DEFAULT 1"), List.of(), List.of(), List.of(), List.of(), List.of(), ActionDescriptor.EMPTY,
                BigQueryOptions.NONE, List.of(), false, false, false, "definitions/v.sqlx", 4, OnSchemaChange.IGNORE);
        assertThat(runTranslated(graph(unread), 1).succeeded()).isTrue();
    }

    @Test
    void aTableReadingAVariableUnaliasedHasTheVariablesColumnForItsDownstream() {
        Target named = t("s", "named");
        Target down = t("s", "down");
        RunResult r = runTranslated(graph(
                withOps(named, "SELECT id, cutoff FROM `proj.raw.events` WHERE id >= cutoff", List.of("DECLARE cutoff INT64 DEFAULT 2"), List.of()),
                table(down, "SELECT cutoff FROM `proj.s.named`", named)), 1);
        assertThat(r.succeeded()).as(String.valueOf(r.actions())).isTrue();
        assertThat(rows(engine, "SELECT cutoff FROM s.down")).containsExactly("2");
    }

    @Test
    void anOperationCreatingAViewThatReadsItsVariableIsAPlanningError() {
        Target op = t("s", "v_op");
        OperationAction creates = new OperationAction(op, List.of("DECLARE cutoff INT64 DEFAULT 2;\n"
                + "CREATE OR REPLACE VIEW `proj.s.v_op` AS SELECT id FROM `proj.raw.events` WHERE id >= cutoff"), true, List.of(),
                List.of(), ActionDescriptor.EMPTY, false, "definitions/v_op.sqlx", 2);
        assertThatThrownBy(() -> planner("dataform").plan(graph(creates), RunOptions.all()))
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining("reads a script variable declared before it (cutoff)")
                .satisfies(e -> assertThat(((PorygonException) e).location()).isEqualTo(new io.porygon.core.SourceLocation("definitions/v_op.sqlx", 3, 0)));
    }

    @Test
    void aTemporaryFunctionOfThePreOperationsServesTheQueryAndIsDroppedAfterwards() {
        Target fn = t("s", "fn");
        PlannedAction planned = planner("dataform").plan(graph(withOps(fn, "SELECT twice(id) AS d FROM `proj.raw.events`",
                List.of("CREATE TEMP FUNCTION twice(x INT64) AS (x * 2)"), List.of())), RunOptions.all()).actions().get(0);
        assertThat(planned.cleanup()).containsExactly("DROP MACRO IF EXISTS temp.main.twice");
        new ActionExecutor(() -> false).execute(planned, engine);
        assertThat(rows(engine, "SELECT d FROM s.fn ORDER BY d")).containsExactly("2", "4");
        assertThatThrownBy(() -> engine.execute("SELECT twice(1)")).hasMessageContaining("twice");

        // a view cannot call it: it is gone when the view is queried
        TableAction view = new TableAction(t("s", "fv"), ActionType.VIEW, "SELECT twice(id) AS d FROM `proj.raw.events`", null,
                List.of("CREATE TEMP FUNCTION twice(x INT64) AS (x * 2)"), List.of(), List.of(), List.of(), List.of(), List.of(),
                ActionDescriptor.EMPTY, BigQueryOptions.NONE, List.of(), false, false, false, "definitions/fv.sqlx", 4, OnSchemaChange.IGNORE);
        assertThatThrownBy(() -> planner("dataform").plan(graph(view), RunOptions.all()))
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining("view fv calls a temporary function (twice)");
    }

    @Test
    void aTemporaryTableEndsWithItsActionSoTheNextActionOnTheSessionBuildsItsOwn() {
        // both run on one session (one thread): the second used to read the first one's rows, or fail on the name
        TableAction first = withOps(t("s", "first"), "SELECT x FROM tmp", List.of("CREATE TEMP TABLE IF NOT EXISTS tmp AS SELECT 1 AS x"), List.of());
        TableAction second = withOps(t("s", "second"), "SELECT x FROM `tmp`", List.of("CREATE TEMPORARY TABLE `tmp` AS SELECT 2 AS x"), List.of());
        ExecutionPlan plan = planner("dataform").plan(graph(first, second), RunOptions.all());
        assertThat(plan.actions().get(0).cleanup()).containsExactly("DROP TABLE IF EXISTS temp.main.tmp");
        assertThat(new DagRunner(engine, 1, RunListener.NONE).run(plan).succeeded()).isTrue();
        assertThat(rows(engine, "SELECT x FROM s.first")).containsExactly("1");
        assertThat(rows(engine, "SELECT x FROM s.second")).containsExactly("2");
        assertThatThrownBy(() -> engine.execute("SELECT * FROM temp.main.tmp")).hasMessageContaining("tmp");
    }

    @Test
    void aDeclaredWildcardTableReadsTheTablesItMatchesWithTheirSuffix() {
        // GA4's daily export tables, read as `proj.raw.ga_*` with _TABLE_SUFFIX
        engine.execute("CREATE TABLE raw.ga_20240101 AS SELECT 1 AS id, 'a' AS name");
        engine.execute("CREATE TABLE raw.ga_20240102 AS SELECT 2 AS id, 'b' AS name, 7 AS added_later");
        engine.execute("CREATE TABLE raw.ga_20240103 AS SELECT 3 AS id, 'c' AS name");
        Target wildcard = new Target("proj", "raw", "ga_*");
        TableAction recent = table(t("mart", "recent"), "SELECT id, _TABLE_SUFFIX AS day FROM `proj.raw.ga_*` WHERE _TABLE_SUFFIX >= '20240102'", wildcard);
        TableAction all = table(t("mart", "everything"), "SELECT * FROM `proj.raw.ga_*` AS e", wildcard);
        RunResult r = runTranslated(graph(declaration(wildcard), recent, all), 1);

        assertThat(r.succeeded()).as(String.valueOf(r.actions())).isTrue();
        assertThat(rows(engine, "SELECT id, day FROM mart.recent ORDER BY id")).containsExactly("2|20240102", "3|20240103");
        // the star leaves out the pseudo-column, as BigQuery's does; a column one day lacks is NULL there
        assertThat(engine.columns(t("mart", "everything"))).extracting(c -> c.name()).containsExactly("id", "name", "added_later");
        assertThat(rows(engine, "SELECT id, added_later FROM mart.everything ORDER BY id")).containsExactly("1|null", "2|7", "3|null");

        // a day loaded later is read by the next run
        engine.execute("CREATE TABLE raw.ga_20240104 AS SELECT 4 AS id, 'd' AS name");
        assertThat(runTranslated(graph(declaration(wildcard), recent), 1).succeeded()).isTrue();
        assertThat(rows(engine, "SELECT id FROM mart.recent ORDER BY id")).containsExactly("2", "3", "4");

        // named without a declaration (backticks, the usual GA4 style): the reader makes the view
        engine.execute("CREATE TABLE raw.other_1 AS SELECT 5 AS id");
        RunResult undeclared = runTranslated(graph(table(t("mart", "u"), "SELECT id, _TABLE_SUFFIX AS s FROM `proj.raw.other_*`")), 1);
        assertThat(undeclared.succeeded()).as(String.valueOf(undeclared.actions())).isTrue();
        assertThat(rows(engine, "SELECT id, s FROM mart.u")).containsExactly("5|1");

        // as on BigQuery, a wildcard that matches no table fails
        Target none = new Target("proj", "raw", "nothing_*");
        RunResult missing = runTranslated(graph(declaration(none), table(t("mart", "n"), "SELECT * FROM `proj.raw.nothing_*`", none)), 1);
        assertThat(missing.actions()).filteredOn(a -> a.name().equals("raw.nothing_*")).singleElement()
                .satisfies(a -> assertThat(a.error()).contains("no table of raw matches the wildcard table nothing_*"));
        RunResult missingUndeclared = runTranslated(graph(table(t("mart", "n"), "SELECT * FROM `proj.raw.nothing_*`")), 1);
        assertThat(result(missingUndeclared, "mart.n").error()).contains("no table of raw matches the wildcard table nothing_*");
    }

    /** Conformance fixture 03, compiled by Porygon's compiler: its DECLARE in pre_operations now runs. */
    @Test
    void conformanceFixtureIncrementalRunsTwiceOnDuckDb() {
        Path fixture = Path.of("../../core/src/test/resources/conformance/03-incremental").toAbsolutePath().normalize();
        assertThat(Files.isDirectory(fixture)).as(fixture.toString()).isTrue();
        CompiledGraph graph = Porygon.compile(fixture);
        engine.execute("CREATE SCHEMA thelook");
        engine.execute("CREATE TABLE thelook.events AS SELECT * FROM (VALUES "
                + "(1, 10, TIMESTAMPTZ '2024-01-01 10:00:00+00', 'home'), (2, 10, TIMESTAMPTZ '2024-01-02 10:00:00+00', 'cart')) "
                + "v(id, user_id, created_at, event_type)");

        RunResult first = new DagRunner(engine, 2, RunListener.NONE).run(planner("analytics").plan(graph, RunOptions.all()));
        assertThat(first.succeeded()).as(String.valueOf(first.actions())).isTrue();
        engine.execute("INSERT INTO thelook.events VALUES (3, 11, TIMESTAMPTZ '2024-01-03 10:00:00+00', 'purchase'), "
                + "(4, 12, TIMESTAMPTZ '2023-01-01 10:00:00+00', 'late')");
        RunResult second = new DagRunner(engine, 2, RunListener.NONE).run(planner("analytics").plan(graph, RunOptions.all()));

        assertThat(second.succeeded()).as(String.valueOf(second.actions())).isTrue();
        assertThat(result(second, "analytics.events_fct").step()).isEqualTo(Step.MERGE_INCREMENT);
        assertThat(result(second, "analytics.events_fct").rowsWritten()).isEqualTo(1);
        assertThat(rows(engine, "SELECT event_id FROM analytics.events_fct ORDER BY event_id")).containsExactly("1", "2", "3");
    }
}
