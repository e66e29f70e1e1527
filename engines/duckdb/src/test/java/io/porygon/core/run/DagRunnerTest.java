package io.porygon.core.run;

import static io.porygon.core.run.Graphs.*;
import static io.porygon.core.run.Runs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.graph.CompiledGraph;
import io.porygon.core.graph.Target;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DagRunnerTest {
    @TempDir Path dir;
    DuckDbEngine engine;

    final Target a = t("s", "a");
    final Target b = t("s", "b");
    final Target c = t("s", "c");
    final Target d = t("s", "d");
    final Target e = t("s", "e");

    @BeforeEach
    void open() {
        engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void failingActionSkipsOnlyItsDependents() {
        // a -> b(fails) -> c ; a -> d ; e alone
        RunResult r = run(engine, graph(
                table(a, "SELECT 1 AS id"),
                table(b, "SELECT id, error('boom') AS x FROM s.a", a),
                table(c, "SELECT * FROM s.b", b),
                table(d, "SELECT id + 1 AS id FROM s.a", a),
                table(e, "SELECT 5 AS id")), RunOptions.all(), 2);

        assertThat(statuses(r)).containsEntry("s.a", ActionStatus.SUCCEEDED)
                .containsEntry("s.b", ActionStatus.FAILED)
                .containsEntry("s.c", ActionStatus.SKIPPED)
                .containsEntry("s.d", ActionStatus.SUCCEEDED)
                .containsEntry("s.e", ActionStatus.SUCCEEDED);
        assertThat(result(r, "s.c").error()).isEqualTo("upstream s.b failed");
        assertThat(r.succeeded()).isFalse();
        assertThat(engine.exists(new Target(null, "s", "c"))).isFalse();
    }

    @Test
    void aWarehouseErrorNamesTheFileAndLineOfTheModel() {
        RunResult r = run(engine, graph(table(a, "SELECT 1 AS id"), table(b, "SELECT id,\n  id_typo\nFROM s.a", a)),
                RunOptions.all(), 1);

        assertThat(result(r, "s.b").error())
                .startsWith("definitions/b.sqlx:6: Binder Error: Referenced column \"id_typo\" not found")
                .endsWith("hint: `porygon run --dry-run --actions s.b` prints the SQL sent to the warehouse");
    }

    @Test
    void failingAssertionSkipsTheDependentsOfTheTableItChecks() {
        Target check = t("dataform_assertions", "a_positive");
        Target other = t("dataform_assertions", "a_not_null");
        RunResult r = run(engine, graph(
                table(a, "SELECT -1 AS id"),
                assertion(check, "SELECT * FROM s.a WHERE id < 0", a, a),
                assertion(other, "SELECT * FROM s.a WHERE id IS NULL", a, a),
                table(b, "SELECT * FROM s.a", a),
                table(e, "SELECT 5 AS id")), RunOptions.all(), 3);

        assertThat(result(r, "s.a").error()).isNull();
        assertThat(statuses(r)).containsEntry("s.a", ActionStatus.SUCCEEDED)
                .containsEntry("dataform_assertions.a_positive", ActionStatus.FAILED)
                .containsEntry("dataform_assertions.a_not_null", ActionStatus.SUCCEEDED)
                .containsEntry("s.b", ActionStatus.SKIPPED)
                .containsEntry("s.e", ActionStatus.SUCCEEDED);
    }

    @Test
    void aFailingBuiltInAssertionDoesNotSkipACustomAssertionOnTheSameTable() {
        Target builtIn = t("dataform_assertions", "s_a_assertions_rowConditions");
        Target custom = t("dataform_assertions", "a_is_small");
        for (int threads : new int[] {1, 3}) { // one lane runs the custom check after the built-in one has failed
            RunResult r = run(engine, graph(
                    table(a, "SELECT -1 AS id"),
                    table(e, "SELECT 5 AS id"),
                    assertion(builtIn, "SELECT * FROM s.a WHERE NOT (id >= 0)", a, a),
                    // also waits for e: still to run when the built-in check fails
                    assertion(custom, "SELECT * FROM s.a WHERE id > 100 AND id NOT IN (SELECT id FROM s.e)", null, a, e)),
                    RunOptions.all(), threads);

            assertThat(statuses(r)).as("threads %d", threads)
                    .containsEntry("dataform_assertions.s_a_assertions_rowConditions", ActionStatus.FAILED)
                    .containsEntry("dataform_assertions.a_is_small", ActionStatus.SUCCEEDED);
        }
    }

    @Test
    void anAssertionWhoseViewHoldsItsQueryCountsTheRowsOfNowAndAStaleViewIsMadeAgain() {
        Target check = t("dataform_assertions", "a_negative");
        String query = "SELECT * FROM s.a WHERE id < 0";
        assertThat(statuses(run(engine, graph(table(a, "SELECT 1 AS id"), assertion(check, query, a, a)), RunOptions.all(), 1)))
                .containsEntry("dataform_assertions.a_negative", ActionStatus.SUCCEEDED);

        // the same view, kept (a CREATE OR REPLACE would drop its comment): it counts the new row
        engine.execute("COMMENT ON VIEW dataform_assertions.a_negative IS 'kept'");
        RunResult again = run(engine, graph(table(a, "SELECT -1 AS id"), assertion(check, query, a, a)), RunOptions.all(), 1);
        assertThat(result(again, "dataform_assertions.a_negative").error()).contains("1 row(s) returned");
        assertThat(engine.query("SELECT comment FROM duckdb_views() WHERE view_name = 'a_negative'", 1).rows()).containsExactly(List.of("kept"));

        // a table under the kept view changed its columns outside the runner: the view no longer binds, and is made again
        engine.execute("CREATE OR REPLACE TABLE s.a AS SELECT -2 AS id, 'x' AS note");
        RunResult stale = run(engine, graph(assertion(check, query, null)), RunOptions.all(), 1);
        assertThat(result(stale, "dataform_assertions.a_negative").error()).contains("1 row(s) returned");
        assertThat(engine.query("SELECT * FROM dataform_assertions.a_negative", 5).columns()).containsExactly("id", "note");
    }

    @Test
    void anAssertionAfterAnOperationThatReplacedItsViewCountsItsOwnQuery() {
        // `first` reads the views; the operation then puts other rows in `second`'s view, which must not be kept
        Target first = t("dataform_assertions", "first");
        Target second = t("dataform_assertions", "second");
        Target op = t("s", "op");
        String none = "SELECT * FROM s.a WHERE id < 0";
        CompiledGraph g = graph(table(a, "SELECT 1 AS id"), assertion(first, none, a, a),
                operation(op, false, List.of("CREATE OR REPLACE VIEW dataform_assertions.second AS SELECT 1 AS id"), first),
                assertion(second, none, null, a, op));
        assertThat(statuses(run(engine, g, RunOptions.all(), 1))).containsEntry("dataform_assertions.second", ActionStatus.SUCCEEDED);
        RunResult again = run(engine, g, RunOptions.all(), 1);
        assertThat(result(again, "dataform_assertions.second").error()).isNull();
        assertThat(statuses(again)).containsEntry("dataform_assertions.second", ActionStatus.SUCCEEDED);
    }

    @Test
    void independentActionsRunInParallelAndDependentsWaitForTheirUpstream() {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        RunListener order = new RunListener() {
            @Override
            public void actionStarted(PlannedAction p) {
                started.add(p.displayName());
            }

            @Override
            public void actionFinished(PlannedAction p, ActionResult result) {
                finished.add(p.displayName());
            }
        };
        var g = graph(table(a, "SELECT range AS id FROM range(1000)"), table(b, "SELECT range AS id FROM range(2000)"),
                table(c, "SELECT * FROM s.a UNION ALL SELECT * FROM s.b", a, b), view(d, "SELECT count(*) AS n FROM s.c", c));
        RunResult r = new DagRunner(engine, 4, order).run(planner(engine).plan(g, RunOptions.all()));

        assertThat(r.succeeded()).isTrue();
        assertThat(result(r, "s.c").rowsWritten()).isEqualTo(3000);
        assertThat(started.indexOf("s.c")).isGreaterThan(Math.max(started.indexOf("s.a"), started.indexOf("s.b")));
        assertThat(finished.indexOf("s.c")).isGreaterThan(Math.max(finished.indexOf("s.a"), finished.indexOf("s.b")));
        assertThat(finished.indexOf("s.d")).isEqualTo(3);
    }

    @Test
    void theReadyActionWithTheMostExpectedWorkBehindItStartsFirst() {
        // a alone, b -> c: one lane, so the start order is the priority order
        ExecutionPlan plan = planner(engine).plan(graph(table(a, "SELECT 1 AS id"), table(b, "SELECT 2 AS id"),
                table(c, "SELECT * FROM s.b", b)), RunOptions.all());
        assertThat(startOrder(plan, List.of())).as("never timed: the longer chain").containsExactly("s.b", "s.a", "s.c");

        Map<String, PlannedAction> byId = plan.byId();
        List<ActionResult> lastRun = List.of(timed(byId.get("proj.s.a"), 300), timed(byId.get("proj.s.b"), 100), timed(byId.get("proj.s.c"), 100));
        assertThat(startOrder(plan, List.of(lastRun))).as("a took longer than b and c together").containsExactly("s.a", "s.b", "s.c");
    }

    @Test
    void shortActionsSplitTheCoresAndALongOrUntimedOneLetsEveryQueryUseThemAll() {
        ExecutionPlan plan = planner(engine).plan(graph(table(a, "SELECT 1 AS id"), table(b, "SELECT 2 AS id"), table(c, "SELECT 3 AS id")),
                RunOptions.all());
        Map<String, PlannedAction> byId = plan.byId();
        Map<String, Duration> expected = Map.of("proj.s.a", Duration.ofMillis(200), "proj.s.b", Duration.ofMillis(300),
                "proj.s.c", Duration.ofSeconds(5));
        PlannedAction shortA = byId.get("proj.s.a");
        PlannedAction shortB = byId.get("proj.s.b");
        assertThat(DagRunner.ways(Stream.of(shortA, shortB), expected)).isEqualTo(2);
        assertThat(DagRunner.ways(Stream.of(shortA, byId.get("proj.s.c")), expected)).isEqualTo(1);
        assertThat(DagRunner.ways(Stream.of(shortA, shortB), Map.of("proj.s.a", Duration.ofMillis(200)))).as("b never timed").isEqualTo(1);
        PlannedAction increment = new PlannedAction("proj.s.d", shortB.action(), d, Step.MERGE_INCREMENT, List.of(), "SELECT 4 AS id",
                List.of(), List.of(), List.of("id"), Set.of(), null, List.of());
        assertThat(DagRunner.ways(Stream.of(shortA, increment), expected)).as("an increment never timed at its step").isEqualTo(2);
    }

    @Test
    void afterARunOfShortActionsSideBySideEveryQueryHasAllCoresAgain() {
        ExecutionPlan plan = planner(engine).plan(graph(table(a, "SELECT 1 AS id"), table(b, "SELECT 2 AS id")), RunOptions.all());
        List<ActionResult> lastRun = plan.actions().stream().map(p -> timed(p, 10)).toList();
        assertThat(new DagRunner(engine, 2, RunListener.NONE).run(plan, List.of(lastRun)).succeeded()).isTrue();
        assertThat(scalar(engine, "SELECT current_setting('threads')")).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    private List<String> startOrder(ExecutionPlan plan, List<List<ActionResult>> earlierRuns) {
        List<String> started = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void actionStarted(PlannedAction p) {
                started.add(p.displayName());
            }
        };
        assertThat(new DagRunner(engine, 1, listener).run(plan, earlierRuns).succeeded()).isTrue();
        return started;
    }

    private static ActionResult timed(PlannedAction p, long millis) {
        return new ActionResult(p.id(), p.displayName(), "table", p.step(), ActionStatus.SUCCEEDED, Instant.EPOCH,
                Instant.EPOCH.plusMillis(millis), 1, null, null, 0, List.of(), null);
    }

    @Test
    void manyActionsInNewSchemasRunConcurrentlyWithoutCatalogConflicts() {
        List<io.porygon.core.graph.Action> actions = new ArrayList<>();
        for (int i = 0; i < 16; i++) actions.add(table(t("layer" + (i % 4), "m" + i), "SELECT " + i + " AS id"));
        RunResult r = run(engine, graph(actions.toArray(io.porygon.core.graph.Action[]::new)), RunOptions.all(), 4);
        assertThat(r.actions()).allSatisfy(x -> assertThat(x.status()).as(x.name() + ": " + x.error()).isEqualTo(ActionStatus.SUCCEEDED));
        assertThat(scalar(engine, "SELECT count(*) FROM information_schema.tables WHERE table_schema LIKE 'layer%'")).isEqualTo(16);
    }

    @Test
    void cancellingStopsTheRunningQueryAndKeepsThePreviousTable() throws Exception {
        run(engine, graph(table(a, "SELECT 42 AS id")));
        CountDownLatch started = new CountDownLatch(1);
        DagRunner runner = new DagRunner(engine, 2, new RunListener() {
            @Override
            public void actionStarted(PlannedAction p) {
                started.countDown();
            }
        });
        String slow = "SELECT count(*) AS id FROM range(100000000000) r1";
        ExecutionPlan plan = planner(engine).plan(graph(table(a, slow), table(b, "SELECT * FROM s.a", a)), RunOptions.all());
        Thread canceller = new Thread(() -> {
            try {
                started.await(10, TimeUnit.SECONDS);
                Thread.sleep(300);
                runner.cancel();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();
        RunResult r = runner.run(plan);
        canceller.join();

        assertThat(r.cancelled()).isTrue();
        assertThat(r.status()).isEqualTo("CANCELLED");
        assertThat(statuses(r)).containsEntry("s.a", ActionStatus.CANCELLED).containsEntry("s.b", ActionStatus.CANCELLED);
        assertThat(rows(engine, "SELECT id FROM s.a")).containsExactly("42");
        assertThat(scalar(engine, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%porygon%'")).isZero();
    }

    @Test
    void aCancelledRunStillRecreatesTheViewsThatWhatRanBeforeTheCancelBroke() {
        run(engine, graph(table(a, "SELECT 1 AS id")));
        engine.execute("CREATE VIEW s.v AS SELECT * FROM s.a"); // a view no action of the run makes, as one left by another project
        AtomicReference<DagRunner> runner = new AtomicReference<>();
        // cancelled as soon as a, whose new column breaks the view, has finished: b never starts
        runner.set(new DagRunner(engine, 1, new RunListener() {
            @Override
            public void actionFinished(PlannedAction p, ActionResult r) {
                if (p.action().target().equals(a)) runner.get().cancel();
            }
        }));
        ExecutionPlan plan = planner(engine).plan(graph(table(a, "SELECT 1 AS id, 'x' AS added"), table(b, "SELECT * FROM s.a", a)),
                RunOptions.all());
        RunResult r = runner.get().run(plan);

        assertThat(r.cancelled()).isTrue();
        assertThat(statuses(r)).containsEntry("s.a", ActionStatus.SUCCEEDED).containsEntry("s.b", ActionStatus.CANCELLED);
        assertThat(engine.exists(b)).isFalse();
        assertThat(rows(engine, "SELECT * FROM s.v")).containsExactly("1|x");
    }

    @Test
    void disabledActionIsNotRunButItsDependentsAre() {
        var disabledA = new io.porygon.core.graph.TableAction(a, io.porygon.core.graph.ActionType.TABLE, "SELECT error('never')",
                null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), io.porygon.core.graph.ActionDescriptor.EMPTY,
                io.porygon.core.graph.BigQueryOptions.NONE, List.of(), false, false, true, "definitions/a.sqlx", 1,
                io.porygon.core.graph.OnSchemaChange.IGNORE);
        RunResult r = run(engine, graph(disabledA, table(b, "SELECT 1 AS id", a)));
        assertThat(statuses(r)).containsEntry("s.a", ActionStatus.DISABLED).containsEntry("s.b", ActionStatus.SUCCEEDED);
        assertThat(r.succeeded()).isTrue();
    }
}
