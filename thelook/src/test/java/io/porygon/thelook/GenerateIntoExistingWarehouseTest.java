package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.duckdb.DuckDbEngine;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables are written by parallel lanes under staging names and swapped in at the end: a
 * generate that fails half-way leaves the previous tables exactly as they were, and no staging
 * tables behind; a generate leaves the warehouse's settings as it found them.
 */
class GenerateIntoExistingWarehouseTest {
    @TempDir Path dir;

    @Test
    void aFailureHalfWayKeepsThePreviousTablesAndLeavesNoStagingTables() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 1, 0.01, 2);
            Map<String, String> before = digests(engine);

            // 0.02 is 4 blocks: the failure comes after the lanes have written some of them
            Progress failing = (done, total) -> {
                if (done >= 2 * TheLookGenerator.USERS_PER_BLOCK) throw new IllegalStateException("disk full, say");
            };
            GenerateOptions other = new GenerateOptions(2, 0.02, Warehouses.AS_OF, 2, Warehouses.SCHEMA);
            assertThatThrownBy(() -> new TheLookGenerator().generate(engine, other, failing)).hasMessage("disk full, say");

            assertThat(digests(engine)).isEqualTo(before);
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '" + StagedTables.PREFIX + "%'"))
                    .isZero();

            // and the warehouse still takes a full generate afterwards
            GenerationSummary summary = new TheLookGenerator().generate(engine, other, Progress.NONE);
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + Warehouses.SCHEMA + ".events"))
                    .isEqualTo(summary.rowsWritten().get("events"));
            assertThat(digests(engine)).isNotEqualTo(before);
        }
    }

    @Test
    void aStopAfterTheLastBlockStillKeepsThePreviousTables() {
        // a Ctrl-C once every block is written, while the lanes finish: the generate stops before the swap, as it said it would
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w3.duckdb"))) {
            Warehouses.generate(engine, 1, 0.01, 2);
            Map<String, String> before = digests(engine);
            AtomicBoolean lastBlockWritten = new AtomicBoolean();
            Progress watching = (done, total) -> lastBlockWritten.set(done >= total);
            GenerateOptions other = new GenerateOptions(2, 0.01, Warehouses.AS_OF, 2, Warehouses.SCHEMA);

            assertThatThrownBy(() -> new TheLookGenerator().generate(engine, other, watching, lastBlockWritten::get))
                    .isInstanceOf(CancellationException.class);

            assertThat(lastBlockWritten).isTrue();
            assertThat(digests(engine)).isEqualTo(before);
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '" + StagedTables.PREFIX + "%'"))
                    .isZero();
        }
    }

    @Test
    void aLaneThatFailsFailsTheGenerateAndKeepsThePreviousTables() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 1, 0.01, 2);
            Map<String, String> before = digests(engine);
            // a view where the events lane wants to create its staging table: that lane fails to start
            engine.execute("CREATE VIEW " + Sql.table(Warehouses.SCHEMA, StagedTables.PREFIX + "events") + " AS SELECT 1 AS x");

            GenerateOptions other = new GenerateOptions(2, 0.02, Warehouses.AS_OF, 2, Warehouses.SCHEMA);
            assertThatThrownBy(() -> new TheLookGenerator().generate(engine, other, Progress.NONE))
                    .hasMessageContaining(StagedTables.PREFIX + "events");

            assertThat(digests(engine)).isEqualTo(before);
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '" + StagedTables.PREFIX + "%'"))
                    .isZero();
        }
    }

    @Test
    void aGenerateReplacesEveryTableOfAnEarlierOne() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 1, 0.02, 2);
            GenerationSummary smaller = Warehouses.generate(engine, 1, 0.01, 1);
            for (RawTable table : RawTables.ALL) {
                assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + Sql.table(Warehouses.SCHEMA, table)))
                        .as(table.name()).isEqualTo(smaller.rowsWritten().get(table.name()));
            }
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = '" + Warehouses.SCHEMA + "'"))
                    .isEqualTo(RawTables.ALL.size());
        }
    }

    @Test
    void duckDbThreadsAreBackToTheirSettingAfterwards() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            engine.execute("SET threads = 3");
            Warehouses.generate(engine, 1, 0.005, 2);
            assertThat(Warehouses.count(engine, "SELECT current_setting('threads')")).isEqualTo(3);

            Progress failing = (done, total) -> {
                throw new IllegalStateException("stop");
            };
            GenerateOptions options = new GenerateOptions(1, 0.005, Warehouses.AS_OF, 2, Warehouses.SCHEMA);
            assertThatThrownBy(() -> new TheLookGenerator().generate(engine, options, failing)).hasMessage("stop");
            assertThat(Warehouses.count(engine, "SELECT current_setting('threads')")).isEqualTo(3);
        }
    }

    private static Map<String, String> digests(DuckDbEngine engine) {
        return Warehouses.digests(engine, Warehouses.SCHEMA);
    }
}
