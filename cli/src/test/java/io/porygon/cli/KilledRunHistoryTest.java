package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.run.WarehouseRunStore;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose process is killed ({@code kill -9}, a crash) after some of its actions committed still shows in
 * the history, as ABORTED, instead of leaving changed tables and no trace of the run that changed them.
 */
class KilledRunHistoryTest {
    @TempDir Path project;
    Path warehouse;

    @BeforeEach
    void writeProject() throws IOException {
        warehouse = project.resolve(".porygon/warehouse.duckdb");
        TestProjects.write(project, "workflow_settings.yaml", "defaultProject: p\ndefaultDataset: analytics\n");
        TestProjects.write(project, "definitions/t.sqlx", "config { type: \"table\" }\nSELECT 1 AS x\n");
        // what the history says while the run is going on, as another process would see it after a kill -9
        TestProjects.write(project, "definitions/seen.sqlx", """
                config { type: "operations", dependencies: ["t"] }
                CREATE OR REPLACE TABLE analytics.seen AS SELECT run_id, status, ended_at IS NULL AS open FROM porygon_meta.runs
                """);
    }

    @Test
    void aRunIsListedAsRunningFromItsStartAndOnceWhenItEnds() {
        CliRun.Result run = CliRun.run("run", project.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String runId = TestProjects.query(warehouse, "SELECT run_id FROM porygon_meta.runs").get(0);
        assertThat(TestProjects.query(warehouse, "SELECT * FROM analytics.seen")).containsExactly(runId + "|RUNNING|true");
        // the finished run replaced the row of its start
        assertThat(TestProjects.query(warehouse, "SELECT run_id, status FROM porygon_meta.runs")).containsExactly(runId + "|SUCCEEDED");
    }

    @Test
    void aKilledRunIsListedAsAbortedByHistoryAndDocsAndTheNextRunMarksIt() throws IOException {
        assertThat(CliRun.run("run", project.toString()).exitCode()).isZero();
        // what a run killed after its start leaves: the row of its start, no actions
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            new WarehouseRunStore(engine).started("20990101-000000-dead", Instant.now(), "porygon run --full-refresh");
        }

        CliRun.Result history = CliRun.run("history", project.toString());
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out().lines().filter(l -> l.startsWith("20990101-000000-dead")).findFirst().orElseThrow())
                .contains(" ? ").contains("ABORTED").contains("porygon run --full-refresh");
        CliRun.Result last = CliRun.run("history", "--run", "last", project.toString());
        assertThat(last.exitCode()).as(last.err()).isZero();
        assertThat(last.out()).contains("Run 20990101-000000-dead was aborted").contains("before it recorded its actions");

        CliRun.Result docs = CliRun.run("docs", project.toString());
        assertThat(docs.exitCode()).as(docs.err()).isZero();
        assertThat(Files.readString(project.resolve(".porygon/docs/index.html"))).contains("20990101-000000-dead").contains("ABORTED");

        assertThat(CliRun.run("run", project.toString()).exitCode()).isZero();
        // the next run, which holds the warehouse alone, records that the killed one is not running
        assertThat(TestProjects.query(warehouse, "SELECT status FROM porygon_meta.runs WHERE run_id = '20990101-000000-dead'"))
                .containsExactly("ABORTED");
        assertThat(TestProjects.query(warehouse, "SELECT count(*) FROM porygon_meta.runs WHERE status = 'RUNNING'")).containsExactly("0");
    }
}
