package io.porygon.core.run;

import static io.porygon.core.run.Graphs.*;
import static io.porygon.core.run.Runs.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.graph.Target;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseRunStoreTest {
    @TempDir Path dir;

    @Test
    void recordsRunsAndTheirActionsAndListsNewestFirst() {
        Target a = t("s", "a");
        Target check = t("dataform_assertions", "a_empty");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            WarehouseRunStore store = new WarehouseRunStore(engine);
            assertThat(store.recentRuns(10)).isEmpty();

            RunResult first = run(engine, graph(table(a, "SELECT 1 AS id")));
            store.record(first, "porygon run");
            RunResult second = run(engine, graph(table(a, "SELECT 1 AS id UNION ALL SELECT 2"),
                    assertion(check, "SELECT * FROM s.a", a, a)));
            store.record(second, "porygon run --actions a");

            var runs = store.recentRuns(10);
            assertThat(runs).extracting(RunStore.RunSummary::runId).containsExactly(second.runId(), first.runId());
            assertThat(runs.get(0).status()).isEqualTo("FAILED");
            assertThat(runs.get(0).failed()).isEqualTo(1);
            assertThat(runs.get(0).command()).isEqualTo("porygon run --actions a");
            assertThat(runs.get(1).startedAt()).isEqualTo(first.startedAt().truncatedTo(ChronoUnit.MICROS));

            var actions = store.actions(second.runId());
            assertThat(actions).extracting(ActionResult::name).containsExactly("s.a", "dataform_assertions.a_empty");
            assertThat(actions.get(0).rowsWritten()).isEqualTo(2);
            assertThat(actions.get(0).sqlHash()).hasSize(16);
            assertThat(actions.get(1).failingRows()).isEqualTo(2);
            assertThat(actions.get(1).sampleRows()).containsExactly("id=1", "id=2");
            assertThat(actions.get(1).error()).contains("2 row(s)");
            assertThat(store.actions("no-such-run")).isEmpty();
            // the recent runs' successful actions in one read, newest run first, each run's in order: the failed assertion
            // is not what a run is compared with
            assertThat(store.recentActions(10)).containsExactly(List.of(actions.get(0)), store.actions(first.runId()));
            assertThat(store.recentActions(1)).containsExactly(List.of(actions.get(0)));
            assertThat(store.actionsOfRunsBefore(second.runId(), 10)).containsExactly(store.actions(first.runId()));
            assertThat(store.actionsOfRunsBefore(first.runId(), 10)).isEmpty();
            // an action that counts no rows (the assertion) has none in the table, so that SQL over it sums rows
            assertThat(actions.get(1).rowsWritten()).isEqualTo(-1);
            assertThat(engine.queryRows("SELECT sum(rows_written), count(rows_written) FROM porygon_meta.run_actions WHERE run_id = '"
                    + second.runId() + "'")).containsExactly(List.of(java.math.BigInteger.valueOf(2), 1L));
        }
    }

    @Test
    void recentActionsCountsOnlyTheRunsThatRecordedActionsAsHistoryDoes() {
        Target a = t("s", "a");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            WarehouseRunStore store = new WarehouseRunStore(engine);
            RunResult first = run(engine, graph(table(a, "SELECT 1 AS id")));
            store.record(first, "porygon run");
            // a run killed before it recorded its actions, between two that did
            store.started("20991231-000000-dead", first.endedAt().plusMillis(1), "porygon run");
            RunResult second = run(engine, graph(table(a, "SELECT 1 AS id")));
            store.record(second, "porygon run");

            // the alerts compare with the last runs that recorded actions: an aborted run must not take one's place
            assertThat(store.recentActions(2)).containsExactly(store.actions(second.runId()), store.actions(first.runId()));
        }
    }

    @Test
    void aStepThisVersionDoesNotKnowIsAClearErrorNotACrash() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            WarehouseRunStore store = new WarehouseRunStore(engine);
            RunResult r = run(engine, graph(table(t("s", "a"), "SELECT 1 AS id")));
            store.record(r, "porygon run");
            engine.execute("UPDATE porygon_meta.run_actions SET step = 'SOMETHING_NEW'"); // as a newer Porygon might write

            assertThatThrownBy(() -> store.actions(r.runId())).isInstanceOf(PorygonException.class)
                    .hasMessageContaining("holds the step 'SOMETHING_NEW', which this version of Porygon does not know");
            assertThatThrownBy(() -> store.recentActions(10)).isInstanceOf(PorygonException.class);
        }
    }

    @Test
    void theRunsBeforeOneThatStartedTheSameMicrosecondAreOrderedByTheirIds() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            WarehouseRunStore store = new WarehouseRunStore(engine);
            RunResult done = run(engine, graph(table(t("s", "a"), "SELECT 1 AS id")));
            for (String id : List.of("run-b", "run-a", "run-c")) {
                store.record(new RunResult(id, done.startedAt(), done.endedAt(), done.actions(), false), "porygon run");
            }
            // as history lists them: newest first, a tie broken by the id, descending
            assertThat(store.actionsOfRunsBefore("run-c", 10)).hasSize(2);
            assertThat(store.actionsOfRunsBefore("run-b", 10)).hasSize(1);
            assertThat(store.actionsOfRunsBefore("run-a", 10)).isEmpty();
        }
    }

    @Test
    void listsHowManyActionsACancelledRunStopped() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            WarehouseRunStore store = new WarehouseRunStore(engine);
            RunResult done = run(engine, graph(table(t("s", "a"), "SELECT 1 AS id")));
            store.record(done, "porygon run");
            ActionResult finished = done.actions().get(0);
            List<ActionResult> stopped = new ArrayList<>(List.of(finished));
            for (String name : List.of("s.b", "s.c")) {
                stopped.add(new ActionResult(name, name, "table", finished.step(), ActionStatus.CANCELLED, finished.startedAt(),
                        finished.endedAt(), -1, null, "cancelled", 0, List.of(), null));
            }
            store.record(new RunResult("cancelled-run", done.endedAt(), done.endedAt().plusSeconds(1), stopped, true), "porygon run");

            var runs = store.recentRuns(10);
            assertThat(runs).extracting(RunStore.RunSummary::runId).containsExactly("cancelled-run", done.runId());
            assertThat(runs.get(0).status()).isEqualTo("CANCELLED");
            assertThat(runs.get(0).succeeded()).isEqualTo(1);
            assertThat(runs.get(0).cancelled()).isEqualTo(2);
            assertThat(runs.get(1).cancelled()).isZero();
        }
    }

    @Test
    void listsHowManyActionsOfARunWereDisabled() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            WarehouseRunStore store = new WarehouseRunStore(engine);
            RunResult done = run(engine, graph(table(t("s", "a"), "SELECT 1 AS id")));
            ActionResult finished = done.actions().get(0);
            ActionResult off = new ActionResult("s.b", "s.b", "table", Step.DISABLED, ActionStatus.DISABLED, finished.startedAt(),
                    finished.startedAt(), -1, null, null, 0, List.of(), null);
            store.record(new RunResult(done.runId(), done.startedAt(), done.endedAt(), List.of(finished, off), false), "porygon run");

            RunStore.RunSummary listed = store.recentRuns(10).get(0);
            // every action is counted once: ok, failed, skipped, cancelled or disabled
            assertThat(List.of(listed.succeeded(), listed.failed(), listed.skipped(), listed.cancelled(), listed.disabled()))
                    .containsExactly(1L, 0L, 0L, 0L, 1L);
        }
    }

    @Test
    void aRunAndItsActionsAreWrittenInOneTransaction() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            WarehouseRunStore store = new WarehouseRunStore(engine);
            store.record(run(engine, graph(table(t("s", "a"), "SELECT 1 AS id"))), "first");
            RunResult second = run(engine, graph(table(t("s", "a"), "SELECT 2 AS id")));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.inTransaction(() -> {
                store.record(second, "rolled back");
                throw new IllegalStateException("crash after writing");
            })).hasMessage("crash after writing");

            assertThat(store.recentRuns(10)).extracting(RunStore.RunSummary::command).containsExactly("first");
            assertThat(store.actions(second.runId())).isEmpty();
        }
    }
}
