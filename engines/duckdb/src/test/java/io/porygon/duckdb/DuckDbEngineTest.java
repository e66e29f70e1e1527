package io.porygon.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Column;
import io.porygon.core.engine.Relation;
import io.porygon.core.graph.Target;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEngineTest {
    @TempDir Path dir;

    @Test
    void staleViewsAreLookedForOnlyOnceColumnsChangedOrTheProjectsOwnStatementsRan() {
        Target t = new Target(null, "s", "t");
        Target v = new Target(null, "s", "v");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(t, "SELECT 1 AS id");
            engine.replaceView(v, "SELECT id FROM s.t");
            engine.replaceTable(t, "SELECT 2 AS id"); // the same columns: the view still binds
            engine.execute("CREATE OR REPLACE TABLE s.t AS SELECT 'x' AS id"); // as an operation would, unseen by the engine
            engine.refreshStaleViews(false);
            assertThatThrownBy(() -> engine.query("SELECT * FROM s.v", 1)).hasMessageContaining("altered");

            engine.refreshStaleViews(true);
            assertThat(engine.query("SELECT * FROM s.v", 1).rows()).containsExactly(List.of("x"));

            try (var session = engine.openSession()) {
                session.replaceTable(t, "SELECT 2.5 AS id"); // another session's change counts too
            }
            engine.refreshStaleViews(false);
            assertThat(engine.query("SELECT * FROM s.v", 1).rows()).containsExactly(List.of(new java.math.BigDecimal("2.5")));
        }
    }

    @Test
    void aViewHoldsTheQueryItWasCreatedWithAsDuckDbPrintsItBack() {
        Target v = new Target(null, "s", "v");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(new Target(null, "s", "t"), "SELECT 1 AS a");
            assertThat(engine.viewHolds(v, "SELECT a FROM s.t WHERE a > 1")).isFalse(); // not there yet
            engine.replaceView(v, "SELECT a FROM s.t WHERE a > 1");
        }
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            assertThat(engine.viewHolds(v, "SELECT a FROM s.t WHERE a > 1")).isTrue();
            assertThat(engine.viewHolds(new Target(null, "S", "V"), "select  a\nfrom s.t where a>1")).isTrue();
            assertThat(engine.viewHolds(v, "SELECT a FROM s.t WHERE a > 2")).isFalse();
            assertThat(engine.viewHolds(v, "SELECT a FROM s.t WHERE a >")).isFalse(); // no query at all
            assertThat(engine.viewHolds(new Target(null, "s", "t"), "SELECT 1 AS a")).isFalse(); // a table

            engine.replaceView(v, "SELECT a FROM s.t WHERE a > 2");
            assertThat(engine.viewHolds(v, "SELECT a FROM s.t WHERE a > 1")).isFalse();
            engine.catalogMayHaveChanged(); // as a run starts: read again
            assertThat(engine.viewHolds(v, "SELECT a FROM s.t WHERE a > 2")).isTrue();

            engine.replaceTable(v, "SELECT 1 AS a");
            engine.catalogMayHaveChanged();
            assertThat(engine.viewHolds(v, "SELECT 1 AS a")).isFalse();

            // a column list renames the query's columns: that view does not hold the query
            engine.execute("CREATE VIEW s.renamed (x) AS SELECT a FROM s.t");
            engine.execute("CREATE VIEW \"s\".\"Odd name\" AS SELECT a FROM s.t");
            engine.replaceView(new Target(null, null, "in_main"), "SELECT a FROM s.t"); // DuckDB keeps it without "main."
            engine.catalogMayHaveChanged();
            assertThat(engine.viewHolds(new Target(null, null, "in_main"), "SELECT a FROM s.t")).isTrue();
            assertThat(engine.viewHolds(new Target(null, "s", "renamed"), "SELECT a FROM s.t")).isFalse();
            assertThat(engine.viewHolds(new Target(null, "s", "Odd name"), "SELECT a FROM s.t")).isTrue();
        }
    }

    @Test
    void aViewThatHoldsItsQueryAndBindsIsKeptAndOneThatNoLongerBindsIsMadeAgain() {
        Target v = new Target(null, "s", "v");
        String comment = "SELECT comment FROM duckdb_views() WHERE view_name = 'v'";
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(new Target(null, "s", "t"), "SELECT 1 AS a");
            engine.replaceView(v, "SELECT * FROM s.t");
            engine.execute("COMMENT ON VIEW s.v IS 'kept'"); // a CREATE OR REPLACE would drop it
            engine.catalogMayHaveChanged();
            engine.replaceView(v, "SELECT * FROM s.t");
            assertThat(engine.query(comment, 1).rows()).containsExactly(List.of("kept"));

            engine.execute("CREATE OR REPLACE TABLE s.t AS SELECT 'x' AS a, 2 AS b"); // as an operation would: v no longer binds
            engine.catalogMayHaveChanged();
            engine.replaceView(v, "SELECT * FROM s.t");
            assertThat(engine.query("SELECT * FROM s.v", 1).rows()).containsExactly(List.of("x", 2));
            assertThat(engine.query(comment, 1).rows()).containsExactly(java.util.Arrays.asList((Object) null));
        }
    }

    @Test
    void aViewWhoseQueryNowRepeatsAColumnNameIsLeftStaleByTheRefreshSoItsNextCreationStillRefusesIt() {
        Target b = new Target(null, "s", "b");
        Target w = new Target(null, "s", "w");
        String query = "SELECT * FROM s.a CROSS JOIN s.b";
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(new Target(null, "s", "a"), "SELECT 1 AS id");
            engine.replaceTable(b, "SELECT 2 AS x");
            engine.replaceView(w, query);
            engine.replaceTable(b, "SELECT 2 AS x, 3 AS id"); // now both tables have an id
            assertThatThrownBy(() -> engine.replaceView(w, query)).isInstanceOf(io.porygon.core.engine.DuplicateColumnNames.class);

            // as at the end of that run; re-created from its SQL, DuckDB would name the second id id_1, and the next run
            // would keep that view (it holds the query and binds) instead of refusing the repeated name
            engine.refreshStaleViews(false);
        }
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) { // the next run
            assertThatThrownBy(() -> engine.replaceView(w, query)).isInstanceOf(io.porygon.core.engine.DuplicateColumnNames.class);
        }
    }

    @Test
    void aViewReplacedWhileItsTableIsGoneStillCountsAsAChangeOfColumns() {
        Target v = new Target(null, "s", "v");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(new Target(null, "s", "x"), "SELECT 1 AS a");
            engine.replaceView(v, "SELECT a FROM s.x");
            engine.replaceView(new Target(null, "s", "w"), "SELECT * FROM s.v");
            engine.execute("DROP TABLE s.x"); // v no longer binds: its DESCRIBE says x "does not exist"
            engine.replaceTable(new Target(null, "s", "y"), "SELECT 1 AS a, 2 AS b");
            engine.refreshStaleViews(false);

            engine.replaceView(v, "SELECT a, b FROM s.y");
            engine.refreshStaleViews(false);
            assertThat(engine.query("SELECT * FROM s.w", 1).rows()).containsExactly(List.of(1L, 2L));
        }
    }

    @Test
    void aWildcardViewThatGainedAColumnCountsAsAChangeOfColumns() {
        Target wildcard = new Target(null, "s", "ev_*");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(new Target(null, "s", "ev_1"), "SELECT 1 AS a");
            engine.refreshWildcardView(wildcard);
            engine.replaceView(new Target(null, "s", "v"), "SELECT * FROM s.\"ev_*\"");
            engine.refreshStaleViews(false);

            engine.replaceTable(new Target(null, "s", "ev_2"), "SELECT 2 AS a, 3 AS b"); // a new daily table, with a new column
            engine.refreshWildcardView(wildcard);
            engine.refreshStaleViews(false);
            assertThat(engine.query("SELECT a, b FROM s.v WHERE a = 2", 1).rows()).containsExactly(List.of(2L, 3L));
        }
    }

    @Test
    void theRunnerSharesTheCoresUnlessTheSettingsFixDuckDbsThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.shareCores(cores);
            assertThat(engine.query("SELECT current_setting('threads')", 1).rows()).containsExactly(List.of(1L));
            engine.shareCores(1);
            assertThat(engine.query("SELECT current_setting('threads')", 1).rows()).containsExactly(List.of((long) cores));
        }
        try (DuckDbEngine engine = new DuckDbEngine(new DuckDbSettings(dir.resolve("w.duckdb"), 3, null))) {
            engine.shareCores(cores);
            assertThat(engine.query("SELECT current_setting('threads')", 1).rows()).containsExactly(List.of(3L));
        }
    }

    @Test
    void bulkWriterLoadsRowsIntoANewTableInItsSchema() throws Exception {
        Target users = new Target("any-project", "raw", "users");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            try (BulkWriter w = engine.createAndOpenWriter(users,
                    List.of(new Column("id", "BIGINT"), new Column("name", "VARCHAR"), new Column("created_at", "TIMESTAMP")))) {
                w.append(1L).append("Ann").appendTimestampMicros(86_400_000_000L).endRow();
                w.append(2L).appendNull().appendTimestampMicros(0L).endRow();
            }
            assertThat(engine.exists(users)).isTrue();
            assertThat(engine.columns(users)).extracting(Column::name).containsExactly("id", "name", "created_at");
            try (Statement st = engine.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*), count(name), max(created_at)::VARCHAR FROM raw.users")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(rs.getString(3)).isEqualTo("1970-01-02 00:00:00");
            }
        }
    }

    @Test
    void aFileThatIsNotADuckDbDatabaseIsRefusedNotOpenedInMemory() throws Exception {
        Path csv = dir.resolve("export.csv");
        java.nio.file.Files.writeString(csv, "a,b\n1,2\n");
        assertThatThrownBy(() -> new DuckDbEngine(DuckDbSettings.of(csv))).isInstanceOf(DuckDbException.class)
                .hasMessageContaining("is not a DuckDB database file");
        // an empty file (touch, mktemp), which DuckDB refuses only as "not a valid DuckDB database file"
        Path empty = java.nio.file.Files.createFile(dir.resolve("empty.duckdb"));
        assertThatThrownBy(() -> new DuckDbEngine(DuckDbSettings.of(empty))).isInstanceOf(DuckDbException.class)
                .hasMessageContaining("is an empty file, not a DuckDB database; delete it, and a new warehouse is created there");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.execute("CREATE TABLE t AS SELECT 1 AS x");
        }
        try (DuckDbEngine reopened = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            assertThat(reopened.exists(new Target(null, "main", "t"))).isTrue();
        }
    }

    @Test
    void toAReaderAFileThatIsNotADuckDbDatabaseIsRefusedWithoutSayingAWarehouseIsCreated() throws Exception {
        // docs and history open the warehouse read-only: they never create one, so the message must not promise it
        Path text = dir.resolve("x.duckdb");
        java.nio.file.Files.writeString(text, "hello\n");
        assertThatThrownBy(() -> new DuckDbEngine(DuckDbSettings.of(text).asReadOnly())).isInstanceOf(DuckDbException.class)
                .hasMessageContaining("is not a DuckDB database file").hasMessageNotContaining("created");
        Path empty = java.nio.file.Files.createFile(dir.resolve("empty.duckdb"));
        assertThatThrownBy(() -> new DuckDbEngine(DuckDbSettings.of(empty).asReadOnly())).isInstanceOf(DuckDbException.class)
                .hasMessageContaining("is an empty file, not a DuckDB database").hasMessageNotContaining("created");
    }

    @Test
    void aDatasetNamedLikeACatalogIsRefusedWithWhatToDo() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("off.duckdb")))) {
            for (String schema : new String[] {"off", "OFF", "temp", "system"}) {
                assertThatThrownBy(() -> engine.ensureSchema(new Target(null, schema, "t"))).as(schema)
                        .isInstanceOf(DuckDbException.class).hasMessageContaining("name of a DuckDB catalog");
            }
            engine.ensureSchema(new Target(null, "offline", "t"));
            assertThat(engine.exists(new Target(null, "offline", "t"))).isFalse();
        }
    }

    @Test
    void missingTableDoesNotExist() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            assertThat(engine.exists(new Target(null, "raw", "nope"))).isFalse();
        }
    }

    @Test
    void anErrorSuggestsNoneOfDuckDbsOwnCatalogViews() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.execute("CREATE SCHEMA ds");
            engine.execute("CREATE TABLE ds.temps AS SELECT 1 AS x");
            assertThatThrownBy(() -> engine.execute("SELECT * FROM ds.tmp")).hasMessageContaining("tmp does not exist")
                    .hasMessageNotContaining("sqlite_").hasMessageNotContaining("pg_");
            // a suggestion of the project's own table stays
            assertThatThrownBy(() -> engine.execute("SELECT * FROM ds.tempz")).hasMessageContaining("Did you mean \"temps\"");
        }
    }

    @Test
    void replaceTableCreatesTheSchemaReplacesAViewAndLeavesNoBuildTable() {
        Target t = new Target(null, "fresh", "t");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            assertThat(engine.replaceTable(t, "SELECT range AS id FROM range(5)")).isEqualTo(5);
            engine.replaceView(t, "SELECT 1 AS id");
            assertThat(engine.kind(t)).isEqualTo(io.porygon.core.engine.ObjectKind.VIEW);
            assertThat(engine.replaceTable(t, "SELECT 1 AS id UNION ALL SELECT 2")).isEqualTo(2);
            assertThat(engine.kind(t)).isEqualTo(io.porygon.core.engine.ObjectKind.TABLE);
            assertThat(engine.query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'fresh'", 10).rows())
                    .extracting(r -> r.get(0)).containsExactly("t");

            Target view = new Target(null, "other", "v");
            engine.replaceView(view, "SELECT 1 AS id");
            assertThat(engine.kind(view)).isEqualTo(io.porygon.core.engine.ObjectKind.VIEW);
        }
    }

    @Test
    void aTableOrViewWhoseQueryRepeatsAColumnNameIsRefusedAsOnBigQuery() {
        // DuckDB would store the second one as a_1; BigQuery refuses the query
        Target t = new Target(null, "dup", "t");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(t, "SELECT 1 AS a");
            for (Runnable replace : List.<Runnable>of(() -> engine.replaceTable(t, "SELECT 1 AS a, 2 AS b, 3 AS A"),
                    () -> engine.replaceView(new Target(null, "dup", "v"), "SELECT * FROM dup.t AS x CROSS JOIN dup.t AS y"))) {
                assertThatThrownBy(replace::run).isInstanceOf(io.porygon.core.engine.DuplicateColumnNames.class)
                        .hasMessageContaining("Duplicate column names in the result are not supported").hasMessageContaining("duplicate(s): ");
            }
            assertThat(engine.queryRows("SELECT * FROM dup.t")).containsExactly(List.of(1L));
            assertThat(engine.exists(new Target(null, "dup", "v"))).isFalse();
        }
    }

    @Test
    void stageTableReturnsTheColumnsOfTheTableItMadeAndReplacesAnEarlierOne() {
        Target staging = new Target(null, "m", "t__porygon_increment");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.ensureSchema(staging);
            engine.stageTable(staging, "SELECT 'left over' AS note");
            List<Column> columns = engine.stageTable(staging, "SELECT 1 AS k, [2, 3] AS xs, NULL::INTEGER[] AS none");

            assertThat(columns).isEqualTo(engine.columns(staging));
            assertThat(columns).extracting(Column::name).containsExactly("k", "xs", "none");
            // as in a table BigQuery writes, a NULL array is empty
            assertThat(engine.queryRows("SELECT k, len(xs), len(none) FROM m.t__porygon_increment")).containsExactly(List.of(1L, 2L, 0L));
        }
    }

    @Test
    void mergeUpdatesMatchingRowsAndInsertsTheOthers() {
        Target t = new Target(null, "m", "t");
        Target s = new Target(null, "m", "s");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(t, "SELECT * FROM (VALUES (1, 'a', 1), (2, 'b', 1)) v(k1, k2, x)");
            engine.replaceTable(s, "SELECT * FROM (VALUES (2, 'b', 9), (3, 'c', 9)) v(k1, k2, x)");
            assertThat(engine.mergeFrom(relation(engine, t), relation(engine, s), List.of("k1", "k2", "x"), List.of("k1", "k2"), null)).isEqualTo(2);
            assertThat(engine.query("SELECT k1 || k2 || x FROM m.t ORDER BY k1", 10).rows())
                    .extracting(r -> r.get(0)).containsExactly("1a1", "2b9", "3c9");
            engine.addColumns(t, List.of(new Column("y", "DOUBLE")));
            assertThat(engine.columns(t)).extracting(Column::name).containsExactly("k1", "k2", "x", "y");
        }
    }

    @Test
    void mergeNeverMatchesNullKeysAndKeepsTheTargetWhenItFails() {
        Target t = new Target(null, "m", "t");
        Target s = new Target(null, "m", "s");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(t, "SELECT * FROM (VALUES (NULL, 1), (1, 1)) v(k, x)");
            engine.replaceTable(s, "SELECT * FROM (VALUES (NULL, 2), (1, 2)) v(k, x)");
            assertThat(engine.mergeFrom(relation(engine, t), relation(engine, s), List.of("k", "x"), List.of("k"), null)).isEqualTo(2);
            assertThat(engine.query("SELECT coalesce(k, -1) || ':' || x FROM m.t ORDER BY k NULLS FIRST, x", 10).rows())
                    .extracting(r -> r.get(0)).containsExactly("-1:1", "-1:2", "1:2");

            // the insert fails after the delete ran: both are rolled back
            engine.replaceTable(s, "SELECT * FROM (VALUES (1, 'not a number')) v(k, x)");
            assertThatThrownBy(() -> engine.mergeFrom(relation(engine, t), relation(engine, s), List.of("k", "x"), List.of("k"), null)).isInstanceOf(DuckDbException.class);
            assertThat(engine.query("SELECT count(*) FROM m.t WHERE k = 1", 10).rows()).extracting(r -> r.get(0)).containsExactly(1L);
        }
    }

    @Test
    void mergeRejectsTwoNewRowsForOneTargetRowAsBigQueryDoes() {
        Target t = new Target(null, "m", "t");
        Target s = new Target(null, "m", "s");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(t, "SELECT * FROM (VALUES (1, 'old')) v(k, x)");
            engine.replaceTable(s, "SELECT * FROM (VALUES (1, 'a2'), (1, 'a3')) v(k, x)");
            assertThatThrownBy(() -> engine.mergeFrom(relation(engine, t), relation(engine, s), List.of("k", "x"), List.of("k"), null))
                    .isInstanceOf(DuckDbException.class).hasMessageContaining("the key [1] comes 2 times");
            assertThat(engine.queryRows("SELECT x FROM m.t")).extracting(r -> r.get(0)).containsExactly("old");

            // repeated keys that match nothing are all inserted, as MERGE's WHEN NOT MATCHED does
            engine.replaceTable(s, "SELECT * FROM (VALUES (2, 'b1'), (2, 'b2')) v(k, x)");
            assertThat(engine.mergeFrom(relation(engine, t), relation(engine, s), List.of("k", "x"), List.of("k"), null)).isEqualTo(2);
            assertThat(engine.queryRows("SELECT count(*) FROM m.t WHERE k = 2").get(0).get(0)).isEqualTo(2L);

            // a key of two columns repeats only when both do
            Target pairs = new Target(null, "m", "pairs");
            engine.replaceTable(pairs, "SELECT * FROM (VALUES (1, 'a', 'old')) v(k1, k2, x)");
            engine.replaceTable(s, "SELECT * FROM (VALUES (1, 'a', 'new'), (1, 'b', 'new')) v(k1, k2, x)");
            assertThat(engine.mergeFrom(relation(engine, pairs), relation(engine, s), List.of("k1", "k2", "x"), List.of("k1", "k2"), null)).isEqualTo(2);
            engine.replaceTable(s, "SELECT * FROM (VALUES (1, 'b', 'x1'), (1, 'b', 'x2')) v(k1, k2, x)");
            assertThatThrownBy(() -> engine.mergeFrom(relation(engine, pairs), relation(engine, s), List.of("k1", "k2", "x"), List.of("k1", "k2"), null))
                    .isInstanceOf(DuckDbException.class).hasMessageContaining("the key [1, b] comes 2 times");
        }
    }

    @Test
    void mergeUpdatesEveryTableRowOfARepeatedKeyAsBigQueryDoes() {
        Target t = new Target(null, "m", "t");
        Target s = new Target(null, "m", "s");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            // the table repeats key 2 (an earlier merge inserted two new rows with it): both rows take the new values
            engine.replaceTable(t, "SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (2, 'c'), (3, 'x'), (3, 'y'), (3, 'z')) v(k, x)");
            engine.replaceTable(s, "SELECT * FROM (VALUES (2, 'd'), (3, 'w'), (4, 'e')) v(k, x)");
            assertThat(engine.mergeFrom(relation(engine, t), relation(engine, s), List.of("k", "x"), List.of("k"), null)).isEqualTo(6);
            assertThat(engine.queryRows("SELECT k || x FROM m.t ORDER BY k, x")).extracting(r -> r.get(0))
                    .containsExactly("1a", "2d", "2d", "3w", "3w", "3w", "4e");
        }
    }

    @Test
    void mergeKeepsTheColumnsTheNewRowsDoNotHave() {
        Target t = new Target(null, "m", "t");
        Target s = new Target(null, "m", "s");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.replaceTable(t, "SELECT * FROM (VALUES (1, 10, 'keep me'), (2, 20, 'keep me too')) v(k, n, note)");
            engine.replaceTable(s, "SELECT * FROM (VALUES (2, 200), (3, 300)) v(k, n)");
            assertThat(engine.mergeFrom(relation(engine, t), relation(engine, s), List.of("k", "n"), List.of("k"), null)).isEqualTo(2);
            assertThat(engine.queryRows("SELECT k || ':' || n || ':' || coalesce(note, '-') FROM m.t ORDER BY k"))
                    .extracting(r -> r.get(0)).containsExactly("1:10:keep me", "2:200:keep me too", "3:300:-");
        }
    }

    @Test
    void estimatesRowsFromDuckDbsPlanAndNothingForBrokenSql() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            engine.execute("CREATE TABLE t AS SELECT range AS n FROM range(5000)");
            assertThat(engine.estimateRows("SELECT * FROM t")).hasValue(5000);
            assertThat(engine.estimateRows("SELECT * FROM missing")).isEmpty();
        }
    }

    @Test
    void queryCountsEveryRowButKeepsOnlyTheFirstOnes() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            var r = engine.query("SELECT range AS n FROM range(100)", 3);
            assertThat(r.totalRows()).isEqualTo(100);
            assertThat(r.rows()).hasSize(3);
            assertThat(r.columns()).containsExactly("n");
        }
    }

    @Test
    void aBadSettingFailsTheOpenAndLeavesTheFileFree() {
        Path file = dir.resolve("w.duckdb");
        assertThatThrownBy(() -> new DuckDbEngine(new DuckDbSettings(file, null, "lots")))
                .isInstanceOf(DuckDbException.class).hasMessageContaining("lots");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(file))) {
            assertThat(engine.queryRows("SELECT 42").get(0).get(0)).isEqualTo(42);
        }
    }

    @Test
    void aWarehouseWhoseFolderCannotBeMadeIsRefusedWithTheReason() throws Exception {
        Path aFile = java.nio.file.Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> new DuckDbEngine(DuckDbSettings.of(aFile.resolve("w.duckdb"))))
                .isInstanceOf(DuckDbException.class).hasMessageContaining("cannot create the warehouse's folder " + aFile);
    }

    @Test
    void readersOfTheSameFileOpenItTogetherAndCannotWrite() {
        Path file = dir.resolve("w.duckdb");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(file))) {
            engine.execute("CREATE TABLE t AS SELECT 1 AS x");
        }
        DuckDbSettings reading = DuckDbSettings.of(file).asReadOnly();
        try (DuckDbEngine one = new DuckDbEngine(reading); DuckDbEngine two = new DuckDbEngine(reading)) {
            assertThat(one.queryRows("SELECT x FROM t")).isEqualTo(two.queryRows("SELECT x FROM t"));
            assertThatThrownBy(() -> one.execute("CREATE TABLE u (y INT)")).hasMessageContaining("read-only");
        }
    }

    @Test
    void aFunctionOfAnExtensionThatIsNotBuiltInFailsWithoutADownload() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            // where INET was installed by hand, nothing would be downloaded anyway
            org.junit.jupiter.api.Assumptions.assumeFalse((Boolean) engine.queryRows(
                    "SELECT installed FROM duckdb_extensions() WHERE extension_name = 'inet'").get(0).get(0));
            assertThatThrownBy(() -> engine.queryRows("SELECT '127.0.0.1'::INET"))
                    .isInstanceOf(DuckDbException.class)
                    .hasMessageContaining("INSTALL inet")
                    .hasMessageNotContaining("download");
            assertThat(engine.queryRows("SELECT json_extract('{\"a\": 7}', '$.a')::INT").get(0).get(0)).isEqualTo(7);
        }
    }

    /** The table as the runner passes it: with the columns it read. */
    private static Relation relation(DuckDbEngine engine, Target table) {
        return new Relation(table, engine.columns(table));
    }
}
