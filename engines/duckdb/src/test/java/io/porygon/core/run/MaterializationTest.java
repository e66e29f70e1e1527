package io.porygon.core.run;

import static io.porygon.core.run.Graphs.*;
import static io.porygon.core.run.Runs.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.graph.BigQueryOptions;
import io.porygon.core.graph.OnSchemaChange;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterializationTest {
    @TempDir Path dir;
    DuckDbEngine engine;

    final Target src = t("raw", "src");
    final Target out = t("mart", "out");

    @BeforeEach
    void open() {
        engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")));
        engine.execute("CREATE SCHEMA raw");
        engine.execute("CREATE TABLE raw.src AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) v(id, val)");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void tableIsBuiltAndRebuiltWithItsRowCount() {
        RunResult first = run(engine, graph(declaration(src), table(out, "SELECT id, val FROM raw.src", src)));
        assertThat(first.succeeded()).isTrue();
        assertThat(result(first, "mart.out").rowsWritten()).isEqualTo(2);

        engine.execute("INSERT INTO raw.src VALUES (3, 'c')");
        RunResult second = run(engine, graph(declaration(src), table(out, "SELECT id, val FROM raw.src", src)));
        assertThat(result(second, "mart.out").rowsWritten()).isEqualTo(3);
        assertThat(rows(engine, "SELECT id FROM mart.out ORDER BY id")).containsExactly("1", "2", "3");
    }

    @Test
    void failureInjectedMidBuildLeavesThePreviousTableIntact() {
        run(engine, graph(table(out, "SELECT id, val FROM raw.src")));
        // error() fails at execution time, after DuckDB has started producing rows.
        String failing = "SELECT id, CASE WHEN id = 2 THEN error('injected failure') ELSE val END AS val FROM raw.src";
        RunResult broken = run(engine, graph(table(out, failing)));

        assertThat(result(broken, "mart.out").status()).isEqualTo(ActionStatus.FAILED);
        assertThat(result(broken, "mart.out").error()).contains("injected failure");
        assertThat(rows(engine, "SELECT id, val FROM mart.out ORDER BY id")).containsExactly("1|a", "2|b");
        assertThat(scalar(engine, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%porygon%'")).isZero();
    }

    @Test
    void aTableStoresANullArrayAsAnEmptyOneAsBigQueryDoesButAViewKeepsTheNull() {
        Target empty = t("mart", "empty_arrays");
        Target open = t("mart", "open_arrays");
        String query = "SELECT CAST(NULL AS VARCHAR[]) AS tags, CAST(NULL AS STRUCT(k VARCHAR)[]) AS params, 1 AS n";
        run(engine, graph(table(empty, query), view(open, query)));
        assertThat(rows(engine, "SELECT len(tags), len(params), n FROM mart.empty_arrays")).containsExactly("0|0|1");
        assertThat(rows(engine, "SELECT tags IS NULL FROM mart.open_arrays")).containsExactly("true");
    }

    @Test
    void aTableStoresIntegersAsInt64SoAnIncrementOfLargerValuesFitsAsOnBigQuery() {
        // DuckDB types these literals INTEGER; BigQuery's columns are INT64
        var model = incremental(out, "SELECT 1 AS id, [2, 3] AS xs", "SELECT 3000000000 AS id, [3000000000] AS xs", List.of(), false);
        run(engine, graph(model));
        assertThat(rows(engine, "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = 'out' ORDER BY 1"))
                .containsExactly("id BIGINT", "xs BIGINT[]");

        RunResult increment = run(engine, graph(model));
        assertThat(result(increment, "mart.out").error()).isNull();
        assertThat(rows(engine, "SELECT id, xs FROM mart.out ORDER BY id")).containsExactly("1|[2, 3]", "3000000000|[3000000000]");
        assertThat(rows(engine, "SELECT typeof(n) FROM (SELECT 1 AS n)")).as("a query keeps DuckDB's types").containsExactly("INTEGER");
    }

    @Test
    void integerFieldsOfStructsAreStoredAsInt64TooSoAnIncrementOfLargerValuesFits() {
        // a field DuckDB leaves unquoted though named like a type keeps its name
        var model = incremental(out, "SELECT 1 AS id, {'x': 2, 'TINYINT': 3} AS s, [{'n': 4}] AS ns",
                "SELECT 2 AS id, {'x': 3000000000, 'TINYINT': 3000000000} AS s, [{'n': 3000000000}] AS ns", List.of("id"), false);
        run(engine, graph(model));
        assertThat(rows(engine, "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = 'out' ORDER BY 1"))
                .containsExactly("id BIGINT", "ns STRUCT(n BIGINT)[]", "s STRUCT(x BIGINT, TINYINT BIGINT)");

        RunResult increment = run(engine, graph(model));
        assertThat(result(increment, "mart.out").error()).isNull();
        assertThat(rows(engine, "SELECT id, s.x, s.TINYINT, ns[1].n FROM mart.out ORDER BY id"))
                .containsExactly("1|2|3|4", "2|3000000000|3000000000|3000000000");
    }

    @Test
    void anEnumWhoseLabelIsNamedLikeAnIntegerTypeKeepsItsLabels() {
        run(engine, graph(table(out, "SELECT CAST('INTEGER' AS ENUM('INTEGER', 'text')) AS e, 1 AS n")));
        assertThat(rows(engine, "SELECT e || ' ' || typeof(e) || ' ' || typeof(n) FROM mart.out"))
                .containsExactly("INTEGER ENUM('INTEGER', 'text') BIGINT");
    }

    @Test
    void viewFollowsItsSourceAndReplacesATableOfTheSameName() {
        run(engine, graph(table(out, "SELECT 1 AS id")));
        RunResult r = run(engine, graph(view(out, "SELECT id FROM raw.src")));
        assertThat(r.succeeded()).isTrue();
        assertThat(engine.kind(new Target(null, "mart", "out"))).isEqualTo(io.porygon.core.engine.ObjectKind.VIEW);
        engine.execute("INSERT INTO raw.src VALUES (3, 'c')");
        assertThat(scalar(engine, "SELECT count(*) FROM mart.out")).isEqualTo(3);

        run(engine, graph(table(out, "SELECT 7 AS id")));
        assertThat(engine.kind(new Target(null, "mart", "out"))).isEqualTo(io.porygon.core.engine.ObjectKind.TABLE);
    }

    @Test
    void aViewIsStoredWithoutItsSortButAWrongSortStillFails() {
        // translated for real: it is the translation that leaves the sort out
        Planner planner = new Planner(new WarehouseNames(DatabaseMapping.IGNORE, "dataform"), new io.porygon.core.sql.DuckDbTranslator(),
                engine::kind);
        RunResult r = new DagRunner(engine, 1, RunListener.NONE).run(planner.plan(graph(view(out, "SELECT id, val FROM raw.src ORDER BY id DESC")),
                RunOptions.all()));
        assertThat(r.succeeded()).isTrue();
        String stored = (String) engine.queryRows("SELECT sql FROM duckdb_views() WHERE view_name = 'out'").get(0).get(0);
        assertThat(stored).doesNotContainIgnoringCase("ORDER BY");

        // BigQuery rejects a view whose ORDER BY names no column: so does the run, and the view stays as it was
        RunResult wrong = new DagRunner(engine, 1, RunListener.NONE).run(planner.plan(graph(view(out, "SELECT id FROM raw.src ORDER BY no_such_column")),
                RunOptions.all()));
        assertThat(result(wrong, "mart.out").status()).isEqualTo(ActionStatus.FAILED);
        assertThat(result(wrong, "mart.out").error()).contains("no_such_column");
        assertThat(rows(engine, "SELECT id, val FROM mart.out ORDER BY id")).containsExactly("1|a", "2|b");
    }

    @Test
    void viewsOfATableRunAloneFollowItsNewColumns() {
        Target byId = t("mart", "by_id");
        Target picky = t("mart", "picky");
        Target star = t("mart", "star");
        run(engine, graph(table(out, "SELECT 1 AS id, 'a' AS val"), view(byId, "SELECT id, val FROM mart.out", out),
                view(picky, "SELECT val FROM mart.out", out), view(star, "SELECT * FROM mart.out", out)));

        // only the table runs (as with --actions), and its columns change type and lose one
        RunResult r = run(engine, graph(table(out, "SELECT 'x1' AS id, 2 AS val")));
        assertThat(r.succeeded()).isTrue();
        assertThat(rows(engine, "SELECT id, val FROM mart.by_id")).containsExactly("x1|2");
        assertThat(rows(engine, "SELECT val FROM mart.picky")).containsExactly("2");

        run(engine, graph(table(out, "SELECT 'x1' AS id")));
        assertThatThrownBy(() -> scalar(engine, "SELECT count(*) FROM mart.picky")).hasMessageContaining("val");
        // a star reads the table's columns again, as BigQuery's view does
        assertThat(rows(engine, "SELECT * FROM mart.star")).containsExactly("x1");
    }

    @Test
    void aViewsRowConditionsAreCountedInOneScanAsItsAssertionViewCountsThem() {
        WarehouseNames names = new WarehouseNames(DatabaseMapping.IGNORE, "mart");
        Planner planner = new Planner(names, new io.porygon.core.sql.DuckDbTranslator(t -> io.porygon.core.sql.DuckDbTranslator.schemaAndName(names.map(t))),
                engine::kind);
        Target v = t("mart", "v");
        Target tbl = t("mart", "tbl");
        // Dataform's rowConditions query, as the compiler writes it
        String conditions = "\nSELECT\n  'n > 1' AS failing_row_condition,\n  *\nFROM `proj.mart.%s`\nWHERE NOT (n > 1)\nUNION ALL"
                + "\nSELECT\n  'n IS NOT NULL' AS failing_row_condition,\n  *\nFROM `proj.mart.%s`\nWHERE NOT (n IS NOT NULL)\n";
        ExecutionPlan plan = planner.plan(graph(view(v, "SELECT n FROM UNNEST([1, 2, 3, NULL]) AS n"), table(tbl, "SELECT 1 AS n"),
                assertion(t("checks", "v_rowConditions"), conditions.formatted("v", "v"), v, v),
                assertion(t("checks", "tbl_rowConditions"), conditions.formatted("tbl", "tbl"), tbl, tbl)), RunOptions.all());
        assertThat(plan.byId().get("proj.checks.v_rowConditions").countSql()).startsWith("SELECT count(").endsWith(" FROM mart.v");
        assertThat(plan.byId().get("proj.checks.tbl_rowConditions").countSql()).as("a table's are counted in its view").isNull();

        RunResult r = new DagRunner(engine, 1, RunListener.NONE).run(plan);
        // 1 fails n > 1 and NULL fails n IS NOT NULL; NULL > 1 is NULL, which fails no condition
        assertThat(result(r, "checks.v_rowConditions").failingRows()).isEqualTo(2);
        assertThat(scalar(engine, "SELECT count(*) FROM checks.v_rowConditions")).isEqualTo(2);
        assertThat(result(r, "checks.tbl_rowConditions").failingRows()).as("1 > 1 fails, counted in the view").isEqualTo(1);
    }

    @Test
    void viewsFollowColumnsThatAnOperationChanged() {
        Target byId = t("mart", "by_id");
        run(engine, graph(table(out, "SELECT 1 AS id, 'a' AS val"), view(byId, "SELECT id, val FROM mart.out", out)));

        // the runner cannot tell what the statements changed: it looks at every view
        RunResult r = run(engine, graph(operation(t("mart", "retype"), false, List.of("ALTER TABLE mart.out ALTER id TYPE VARCHAR"))));
        assertThat(r.succeeded()).isTrue();
        assertThat(rows(engine, "SELECT id || '!' FROM mart.by_id")).containsExactly("1!");
    }

    @Test
    void viewsOnViewsFollowInOneRunWhateverTheOrderDuckDbListsThem() {
        Target v1 = t("mart", "v1");
        Target zv2 = t("mart", "zv2");
        Target av0 = t("mart", "av0");
        run(engine, graph(table(out, "SELECT 1 AS id"), view(v1, "SELECT id FROM mart.out", out),
                view(zv2, "SELECT id FROM mart.v1", v1), view(av0, "SELECT id FROM mart.zv2", zv2)));

        run(engine, graph(table(out, "SELECT 'x1' AS id")));
        assertThat(rows(engine, "SELECT id FROM mart.av0")).containsExactly("x1");

        // a view run alone changes its columns too
        run(engine, graph(view(v1, "SELECT length(id) AS id FROM mart.out", out)));
        assertThat(rows(engine, "SELECT id FROM mart.av0")).containsExactly("2");
    }

    @Test
    void incrementalMergedTwiceWithTheSameInputHoldsNoDuplicates() {
        var model = incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of("id"), false, src);
        RunResult first = run(engine, graph(declaration(src), model));
        assertThat(result(first, "mart.out").step()).isEqualTo(Step.BUILD_INCREMENTAL);
        RunResult second = run(engine, graph(declaration(src), model));
        RunResult third = run(engine, graph(declaration(src), model));

        assertThat(result(second, "mart.out").step()).isEqualTo(Step.MERGE_INCREMENT);
        assertThat(third.succeeded()).isTrue();
        assertThat(rows(engine, "SELECT id, val FROM mart.out ORDER BY id")).containsExactly("1|a", "2|b");
    }

    @Test
    void aFailedIncrementSuggestsAFullRefresh() {
        run(engine, graph(declaration(src), incremental(out, "SELECT id, val FROM raw.src", null, List.of("id"), false, src)));
        // the model gained a column; its incremental query compares with the table, which has not
        var changed = incremental(out, "SELECT id, val, 1 AS n FROM raw.src",
                "SELECT id, val, 1 AS n FROM raw.src EXCEPT SELECT * FROM mart.out", List.of("id"), false, src);

        RunResult r = run(engine, graph(declaration(src), changed));
        assertThat(result(r, "mart.out").error()).contains("Set operations")
                .endsWith("if the model's columns changed since the table was built, rebuild it with --full-refresh");
        assertThat(rows(engine, "SELECT id, val FROM mart.out ORDER BY id")).containsExactly("1|a", "2|b");
    }

    @Test
    void anIncrementWhoseRowsRaiseAnErrorDoesNotSuggestAFullRefresh() {
        run(engine, graph(declaration(src), incremental(out, "SELECT id, val FROM raw.src", null, List.of("id"), false, src)));
        var raising = incremental(out, "SELECT id, val FROM raw.src",
                "SELECT id, CASE WHEN id = 2 THEN error('bad row') ELSE val END AS val FROM raw.src", List.of("id"), false, src);

        RunResult r = run(engine, graph(declaration(src), raising));
        assertThat(result(r, "mart.out").error()).contains("bad row").doesNotContain("--full-refresh");
    }

    @Test
    void anIncrementOfAnotherTypeFailsAsOnBigQueryAndKeepsTheTable() {
        run(engine, graph(declaration(src), incremental(out, "SELECT id, CAST(id AS BIGINT) AS amount FROM raw.src", null, List.of("id"), false, src)));
        var narrowing = incremental(out, "SELECT id, id * 1.55::DOUBLE AS amount FROM raw.src", null, List.of("id"), false, src);
        RunResult r = run(engine, graph(declaration(src), narrowing));
        assertThat(result(r, "mart.out").error()).contains("Value of type FLOAT64 cannot be assigned to amount, which has type INT64")
                .contains("--full-refresh");
        assertThat(rows(engine, "SELECT id, amount FROM mart.out ORDER BY id")).containsExactly("1|1", "2|2");

        // widening INT64 to FLOAT64 and a column of NULLs are written, as BigQuery writes them
        engine.execute("CREATE OR REPLACE TABLE mart.out AS SELECT id, CAST(id AS DOUBLE) AS amount, CAST(NULL AS VARCHAR) AS note FROM raw.src");
        var widening = incremental(out, "SELECT id, id + 10 AS amount, NULL AS note FROM raw.src", null, List.of("id"), false, src);
        assertThat(run(engine, graph(declaration(src), widening)).succeeded()).isTrue();
        assertThat(rows(engine, "SELECT id, amount FROM mart.out ORDER BY id")).containsExactly("1|11.0", "2|12.0");

        // and a DATE into a DATETIME column, at midnight
        engine.execute("CREATE OR REPLACE TABLE mart.out AS SELECT id, TIMESTAMP '2024-01-01 10:00:00' AS seen FROM raw.src");
        var dated = incremental(out, "SELECT id, DATE '2024-01-02' + CAST(id AS INTEGER) AS seen FROM raw.src", null, List.of("id"), false, src);
        assertThat(run(engine, graph(declaration(src), dated)).succeeded()).isTrue();
        assertThat(rows(engine, "SELECT id, seen FROM mart.out ORDER BY id")).containsExactly("1|2024-01-03T00:00", "2|2024-01-04T00:00");
    }

    @Test
    void anArrayOrStructIncrementIntoAScalarColumnOrTheReverseFailsAsOnBigQueryAndKeepsTheTable() {
        // DuckDB would cast an array or a struct to its text ('[a, x]') and write it into a STRING column
        run(engine, graph(declaration(src), incremental(out, "SELECT id, val FROM raw.src", null, List.of("id"), false, src)));
        for (String[] c : new String[][] {{"[val, 'x']", "ARRAY<STRING>"}, {"{'a': val}", "STRUCT<a STRING>"}}) {
            var nested = incremental(out, "SELECT id, val FROM raw.src", "SELECT id, " + c[0] + " AS val FROM raw.src", List.of(), false, src);
            RunResult r = run(engine, graph(declaration(src), nested));
            assertThat(result(r, "mart.out").status()).as(c[0]).isEqualTo(ActionStatus.FAILED);
            assertThat(result(r, "mart.out").error()).contains("Value of type " + c[1] + " cannot be assigned to val, which has type STRING");
            assertThat(rows(engine, "SELECT id, val FROM mart.out ORDER BY id")).containsExactly("1|a", "2|b");
        }

        // and a STRING into an ARRAY<STRING> column, which DuckDB would parse ('[a]' as a list)
        engine.execute("CREATE OR REPLACE TABLE mart.out AS SELECT id, [val] AS tags FROM raw.src");
        var scalar = incremental(out, "SELECT id, [val] AS tags FROM raw.src", "SELECT id + 2 AS id, '[' || val || ']' AS tags FROM raw.src",
                List.of("id"), false, src);
        RunResult r = run(engine, graph(declaration(src), scalar));
        assertThat(result(r, "mart.out").error()).contains("Value of type STRING cannot be assigned to tags, which has type ARRAY<STRING>");
        assertThat(rows(engine, "SELECT id, tags FROM mart.out ORDER BY id")).containsExactly("1|[a]", "2|[b]");

        // an array of the same kind is still written
        var arrays = incremental(out, "SELECT id, [val] AS tags FROM raw.src", "SELECT id + 2 AS id, [val, 'z'] AS tags FROM raw.src",
                List.of("id"), false, src);
        assertThat(run(engine, graph(declaration(src), arrays)).succeeded()).isTrue();
        assertThat(rows(engine, "SELECT id, tags FROM mart.out ORDER BY id")).containsExactly("1|[a]", "2|[b]", "3|[a, z]", "4|[b, z]");
    }

    @Test
    void aFailingPreOrPostOperationLeavesThePreviousTableAsItWas() {
        run(engine, graph(declaration(src), withOps(out, "SELECT id FROM raw.src", List.of(), List.of(), src)));
        RunResult r = run(engine, graph(declaration(src),
                withOps(out, "SELECT id, 7 AS c FROM raw.src", List.of(), List.of("SELECT no_such_column FROM mart.out"), src)));
        assertThat(result(r, "mart.out").status()).isEqualTo(ActionStatus.FAILED);
        assertThat(engine.columns(new Target(null, "mart", "out"))).extracting(c -> c.name()).containsExactly("id");

        // an incremental run whose pre-operation deletes rows before its increment fails
        engine.execute("DROP TABLE mart.out");
        TableAction t = incremental(out, "SELECT id FROM raw.src", "SELECT CAST('x' AS INTEGER) AS id", List.of(), false, src);
        run(engine, graph(declaration(src), t));
        TableAction deleting = new TableAction(t.target(), t.type(), t.query(), t.incrementalQuery(), t.preOps(), t.postOps(),
                List.of("DELETE FROM mart.out WHERE id >= 2"), t.incrementalPostOps(), t.dependencyTargets(), t.tags(), t.descriptor(),
                t.bigquery(), t.uniqueKey(), t.isProtected(), t.materialized(), t.disabled(), t.fileName(), t.sqlStartLine(),
                t.onSchemaChange());
        assertThat(result(run(engine, graph(declaration(src), deleting)), "mart.out").status()).isEqualTo(ActionStatus.FAILED);
        assertThat(rows(engine, "SELECT id FROM mart.out ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void updatePartitionFilterLimitsTheTableRowsAMergeMatchesAsDataformDoes() {
        TableAction t = incremental(out, "SELECT id, DATE '2024-01-05' + (id - 1) * 60 AS d, 'old' AS v FROM raw.src",
                "SELECT id, DATE '2024-01-05' + (id - 1) * 60 AS d, 'new' AS v FROM raw.src", List.of("id"), false, src);
        TableAction filtered = new TableAction(t.target(), t.type(), t.query(), t.incrementalQuery(), t.preOps(), t.postOps(),
                t.incrementalPreOps(), t.incrementalPostOps(), t.dependencyTargets(), t.tags(), t.descriptor(),
                new BigQueryOptions("d", List.of(), Map.of(), null, null, "d >= DATE '2024-03-01'"), t.uniqueKey(), t.isProtected(),
                t.materialized(), t.disabled(), t.fileName(), t.sqlStartLine(), t.onSchemaChange());
        run(engine, graph(declaration(src), filtered));
        run(engine, graph(declaration(src), filtered));
        // id 2 (2024-03-05) is matched and updated; id 1 (2024-01-05) lies outside the filter: inserted again
        assertThat(rows(engine, "SELECT id, v FROM mart.out ORDER BY id, v")).containsExactly("1|new", "1|old", "2|new");
    }

    @Test
    void aLegacyIncrementalWhereFiltersWhatAnIncrementalRunAppendsAsDataformsRunnerDoes() {
        TableAction t = incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of(), false, src);
        TableAction filtered = withWhere(t, "id > (SELECT MAX(id) FROM mart.out)");
        run(engine, graph(declaration(src), filtered));
        engine.execute("INSERT INTO raw.src VALUES (3, 'c')");
        RunResult r = run(engine, graph(declaration(src), filtered));

        assertThat(result(r, "mart.out").rowsWritten()).isEqualTo(1);
        assertThat(rows(engine, "SELECT id FROM mart.out ORDER BY id")).containsExactly("1", "2", "3");
    }

    @Test
    void insertOverwriteReplacesThePartitionsTheNewRowsFallInAsDataformsScriptDoes() {
        engine.execute("CREATE TABLE raw.sales AS SELECT * FROM (VALUES (DATE '2024-01-01', 1, 10), (DATE '2024-01-02', 2, 20),"
                + " (DATE '2024-01-02', 3, 30), (DATE '2024-01-02', 4, 40)) v(d, id, amount)");
        Target sales = t("raw", "sales");
        TableAction overwrite = insertOverwrite(incremental(out, "SELECT d, id, amount FROM raw.sales",
                "SELECT d, id, amount FROM raw.sales WHERE d >= DATE '2024-01-02'", List.of(), false, sales), "d");
        run(engine, graph(declaration(sales), overwrite));
        engine.execute("UPDATE raw.sales SET amount = 33 WHERE id = 3");
        engine.execute("DELETE FROM raw.sales WHERE id = 4");
        RunResult r = run(engine, graph(declaration(sales), overwrite));

        assertThat(result(r, "mart.out").step()).isEqualTo(Step.REPLACE_PARTITIONS);
        assertThat(result(r, "mart.out").rowsWritten()).isEqualTo(2);
        // 2024-01-02 is replaced (3 updated, 4 gone); 2024-01-01, which the new rows do not touch, stays
        assertThat(rows(engine, "SELECT d, id, amount FROM mart.out ORDER BY id")).containsExactly("2024-01-01|1|10", "2024-01-02|2|20",
                "2024-01-02|3|33");
    }

    @Test
    void insertOverwriteReplacesNoRowsForANullPartitionValueAsDataformsScriptListsPartitionsThatAreNotNull() {
        engine.execute("CREATE TABLE raw.sales AS SELECT * FROM (VALUES (DATE '2024-01-01', 1, 10), (DATE '2024-01-01', 5, 50),"
                + " (NULL, 2, 20), (NULL, 3, 30)) v(d, id, amount)");
        Target sales = t("raw", "sales");
        Target filteredOut = t("mart", "filtered_out");
        String increment = "SELECT d, id, amount FROM raw.sales WHERE d IS NULL OR id = 1";
        TableAction overwrite = insertOverwrite(incremental(out, "SELECT d, id, amount FROM raw.sales", increment, List.of(), false, sales), "d");
        TableAction filtered = withUpdatePartitionFilter(insertOverwrite(incremental(filteredOut, "SELECT d, id, amount FROM raw.sales",
                increment, List.of(), false, sales), "d"), "id <> 5");
        run(engine, graph(declaration(sales), overwrite, filtered));
        engine.execute("UPDATE raw.sales SET amount = amount + 1 WHERE id IN (1, 3)");
        engine.execute("DELETE FROM raw.sales WHERE id IN (2, 5)");
        RunResult r = run(engine, graph(declaration(sales), overwrite, filtered));

        assertThat(r.succeeded()).as(String.valueOf(r.actions())).isTrue();
        // Dataform's script replaces the partitions in ARRAY(SELECT DISTINCT d ... WHERE d IS NOT NULL): the 2024-01-01
        // partition is replaced, the table's rows of a NULL d stay and the new one is added beside them
        assertThat(rows(engine, "SELECT d, id, amount FROM mart.out ORDER BY id, amount"))
                .containsExactly("2024-01-01|1|11", "null|2|20", "null|3|30", "null|3|31");
        // the filter still bounds what is deleted: id 5 lies outside it and stays
        assertThat(rows(engine, "SELECT d, id, amount FROM mart.filtered_out ORDER BY id, amount"))
                .containsExactly("2024-01-01|1|11", "null|2|20", "null|3|30", "null|3|31", "2024-01-01|5|50");
    }

    private static TableAction withUpdatePartitionFilter(TableAction t, String filter) {
        BigQueryOptions b = t.bigquery();
        return new TableAction(t.target(), t.type(), t.query(), t.incrementalQuery(), t.where(), t.preOps(), t.postOps(),
                t.incrementalPreOps(), t.incrementalPostOps(), t.dependencyTargets(), t.tags(), t.descriptor(),
                new BigQueryOptions(b.partitionBy(), b.clusterBy(), b.labels(), null, null, filter), t.uniqueKey(), t.isProtected(),
                t.materialized(), t.disabled(), t.fileName(), t.sqlStartLine(), t.onSchemaChange(), t.incrementalStrategy(), t.statementLines());
    }

    @Test
    void anAssertionIsAViewInItsDatasetAsInDataformSoItsRowsCanBeReadAndReferenced() {
        Target check = t("checks", "no_z");
        Target counted = t("mart", "counted");
        RunResult first = run(engine, graph(declaration(src), assertion(check, "SELECT * FROM raw.src WHERE val = 'z'", null, src),
                table(counted, "SELECT count(*) AS bad FROM checks.no_z", check)));
        assertThat(first.succeeded()).isTrue();
        assertThat(rows(engine, "SELECT bad FROM mart.counted")).containsExactly("0");

        engine.execute("INSERT INTO raw.src VALUES (3, 'z')");
        RunResult second = run(engine, graph(declaration(src), assertion(check, "SELECT * FROM raw.src WHERE val = 'z'", null, src)));
        assertThat(result(second, "checks.no_z").error()).contains("1 row(s) returned (all of them: SELECT * FROM checks.no_z)");
        assertThat(rows(engine, "SELECT id FROM checks.no_z")).containsExactly("3");

        // a query that repeats a column name fails, as the view Dataform creates on BigQuery does (it passed without a view)
        RunResult joined = run(engine, graph(declaration(src), assertion(check, "SELECT * FROM raw.src a JOIN raw.src b ON a.id = b.id", null, src)));
        assertThat(result(joined, "checks.no_z").status()).isEqualTo(ActionStatus.FAILED);
        assertThat(result(joined, "checks.no_z").error()).contains("Duplicate column names");

        // the SELECT printed can be run as it is: a name Dataform accepts may need quotes in SQL
        Target dashed = t("checks", "too-many-z");
        RunResult third = run(engine, graph(declaration(src), assertion(dashed, "SELECT * FROM raw.src WHERE val = 'z'", null, src)));
        assertThat(result(third, "checks.too-many-z").error()).contains("(all of them: SELECT * FROM checks.\"too-many-z\")");
    }

    @Test
    void theDatasetOfAnOperationWithoutOutputIsCreatedAsDataformDoes() {
        RunResult r = run(engine, graph(operation(t("fresh", "setup"), false, List.of("CREATE TABLE fresh.made AS SELECT 1 AS x"))));
        assertThat(r.succeeded()).isTrue();
        assertThat(rows(engine, "SELECT x FROM fresh.made")).containsExactly("1");
    }

    @Test
    void aSourceThatAnOperationCreatesIsCheckedAfterItAndOneOnlyADisabledModelReadsIsNot() {
        Target setup = t("mart", "setup");
        Target landing = t("landing", "events");
        Target model = t("mart", "m");
        TableAction reader = table(model, "SELECT count(*) AS n FROM landing.events", setup, landing);
        TableAction off = disabled(table(t("mart", "off"), "SELECT * FROM nowhere.gone", t("nowhere", "gone")));
        RunResult r = run(engine, graph(
                operation(setup, false, List.of("CREATE SCHEMA IF NOT EXISTS landing", "CREATE TABLE landing.events AS SELECT 1 AS id")),
                declaration(landing), reader, declaration(t("nowhere", "gone")), off), RunOptions.all(), 1);

        assertThat(r.succeeded()).as(String.valueOf(r.actions())).isTrue();
        assertThat(rows(engine, "SELECT n FROM mart.m")).containsExactly("1");
        assertThat(r.actions()).extracting(ActionResult::name).contains("landing.events").doesNotContain("nowhere.gone");
    }

    @Test
    void aSourceAnOperationReadsIsNotCheckedSinceTheOperationMayCreateIt() {
        // CREATE TABLE IF NOT EXISTS ${ref("log")}: the operation depends on the source it creates (Google's cost toolkit)
        Target log = t("landing", "log");
        Target setup = t("mart", "setup");
        Target model = t("mart", "m");
        RunResult r = run(engine, graph(declaration(log),
                operation(setup, false, List.of("CREATE SCHEMA IF NOT EXISTS landing", "CREATE TABLE IF NOT EXISTS landing.log AS SELECT 1 AS id"), log),
                table(model, "SELECT count(*) AS n FROM landing.log", setup, log)), RunOptions.all(), 1);

        assertThat(r.succeeded()).as(String.valueOf(r.actions())).isTrue();
        assertThat(result(r, "landing.log").step()).isEqualTo(Step.UNCHECKED_SOURCE);
        assertThat(rows(engine, "SELECT n FROM mart.m")).containsExactly("1");
    }

    @Test
    void anActionOutOfMemoryNamesTheOptionsThatSetTheLimit() {
        try (DuckDbEngine small = new DuckDbEngine(new DuckDbSettings(dir.resolve("small.duckdb"), 1, "20MB"))) {
            RunResult r = run(small, graph(table(out, "SELECT list(repeat('x', 100) || i) AS l FROM range(1000000) r(i)")));
            // DuckDB's message suggests SET memory_limit, which a run's options do
            assertThat(result(r, "mart.out").error()).contains("Out of Memory Error")
                    .contains("hint: raise --memory-limit (or warehouse.memory_limit in porygon.yaml), or lower --duckdb-threads (or warehouse.threads)");
        }
    }

    @Test
    void aColumnATableLacksWhenAColumnHasTheTablesNameIsFoundAndExplained() {
        engine.execute("CREATE TABLE raw.s AS SELECT 1 AS id, 'x' AS s");
        // s is the table's alias and one of its columns: DuckDB then speaks of a field of the column
        RunResult r = run(engine, graph(table(out, "SELECT\n  s.id\nFROM raw.s s\nWHERE s.nmae = 'a'")));
        assertThat(result(r, "mart.out").error()).startsWith("definitions/out.sqlx:8: ").contains("Cannot extract field 'nmae'")
                .contains("hint: s.nmae: s has no column nmae (DuckDB then looked for a field of a column named s)");
    }

    @Test
    void aCancelThatComesDuringThePostOperationsKeepsThePreviousTable() {
        run(engine, graph(table(out, "SELECT 1 AS id")));
        engine.execute("CREATE TABLE mart.log (n INT)");
        PlannedAction p = planner(engine).plan(graph(withOps(out, "SELECT 2 AS id", List.of(), List.of("INSERT INTO mart.log VALUES (1)"))),
                RunOptions.all()).actions().get(0);
        // Ctrl-C while the post-operation runs, which DuckDB does not interrupt (a block of several statements): no commit
        ActionResult r = new ActionExecutor(() -> scalar(engine, "SELECT count(*) FROM mart.log") > 0).execute(p, engine);
        assertThat(r.status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(rows(engine, "SELECT id FROM mart.out")).containsExactly("1");
        assertThat(scalar(engine, "SELECT count(*) FROM mart.log")).isZero();
    }

    @Test
    void aCancelThatComesOnceATableWithoutOperationsIsCommittedReportsItBuilt() {
        run(engine, graph(table(out, "SELECT 1 AS id")));
        PlannedAction p = planner(engine).plan(graph(table(out, "SELECT 2 AS id")), RunOptions.all()).actions().get(0);
        // Ctrl-C comes as the table's one statement ends: nothing rolls it back, so the history must not call it cancelled
        ActionResult r = new ActionExecutor(() -> scalar(engine, "SELECT count(*) FROM mart.out WHERE id = 2") > 0).execute(p, engine);
        assertThat(rows(engine, "SELECT id FROM mart.out")).containsExactly("2");
        assertThat(r.status()).isEqualTo(ActionStatus.SUCCEEDED);
    }

    @Test
    void aWriteConflictWithAnotherSessionSaysHowToOrderTheActions() {
        engine.execute("CREATE SCHEMA IF NOT EXISTS mart");
        engine.execute("CREATE TABLE mart.audit AS SELECT 'x' AS k, 0 AS n");
        try (var other = engine.openSession()) {
            // another action's post-operation holds its update of the row until its transaction ends
            other.inTransaction(() -> {
                other.execute("UPDATE mart.audit SET n = n + 1 WHERE k = 'x'");
                RunResult r = run(engine, graph(withOps(out, "SELECT 1 AS id", List.of(), List.of("UPDATE mart.audit SET n = n + 1 WHERE k = 'x'"))));
                assertThat(result(r, "mart.out").error()).contains("Conflict on").contains("make one action depend on the other");
            });
        }
    }

    @Test
    void rowChangedUpstreamIsUpdatedByTheNextIncrementalRun() {
        var model = incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src WHERE id >= 2", List.of("id"), false, src);
        run(engine, graph(declaration(src), model));
        engine.execute("UPDATE raw.src SET val = 'B' WHERE id = 2");
        engine.execute("INSERT INTO raw.src VALUES (3, 'c')");

        RunResult r = run(engine, graph(declaration(src), model));
        assertThat(result(r, "mart.out").rowsWritten()).isEqualTo(2);
        assertThat(rows(engine, "SELECT id, val FROM mart.out ORDER BY id")).containsExactly("1|a", "2|B", "3|c");
    }

    @Test
    void incrementalWithoutUniqueKeyAppendsOnlyWhatTheIncrementalQuerySelects() {
        var model = incremental(out, "SELECT id, val FROM raw.src",
                "SELECT id, val FROM raw.src WHERE id > (SELECT max(id) FROM mart.out)", List.of(), false, src);
        run(engine, graph(declaration(src), model));
        engine.execute("INSERT INTO raw.src VALUES (3, 'c')");
        RunResult r = run(engine, graph(declaration(src), model));

        assertThat(result(r, "mart.out").step()).isEqualTo(Step.APPEND_INCREMENT);
        assertThat(result(r, "mart.out").rowsWritten()).isEqualTo(1);
        assertThat(rows(engine, "SELECT id FROM mart.out ORDER BY id")).containsExactly("1", "2", "3");
    }

    @Test
    void withOnSchemaChangeExtendNewColumnsOfAnIncrementalQueryAreAddedToTheTable() {
        run(engine, graph(incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of("id"), false)));
        run(engine, graph(onSchemaChange(incremental(out, "SELECT id, val FROM raw.src",
                "SELECT id, val, id * 10 AS score FROM raw.src WHERE id = 2", List.of("id"), false), OnSchemaChange.EXTEND)));

        assertThat(engine.columns(new Target(null, "mart", "out"))).extracting(c -> c.name()).containsExactly("id", "val", "score");
        assertThat(rows(engine, "SELECT id, score FROM mart.out ORDER BY id")).containsExactly("1|null", "2|20");
    }

    @Test
    void anArrayColumnThatOnSchemaChangeAddsIsEmptyInTheTablesRowsAsBigQueryReadsARepeatedColumn() {
        run(engine, graph(incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of("id"), false)));
        run(engine, graph(onSchemaChange(incremental(out, "SELECT id, val FROM raw.src",
                "SELECT id, val, [id] AS ids, {'n': id} AS s FROM raw.src WHERE id = 2", List.of("id"), false), OnSchemaChange.EXTEND)));

        // an array is never NULL in a BigQuery table; a struct (NULLABLE RECORD) is
        // (read as stored: a query's result would show a NULL array as [])
        assertThat(rows(engine, "SELECT id, ids IS NULL, len(ids), s IS NULL FROM mart.out ORDER BY id"))
                .containsExactly("1|false|0|true", "2|false|1|false");
    }

    @Test
    void byDefaultAnIncrementalRunWritesOnlyTheTablesColumnsAsDataformsIgnore() {
        run(engine, graph(incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of("id"), false)));
        RunResult r = run(engine, graph(incremental(out, "SELECT id, val FROM raw.src",
                "SELECT id, UPPER(val) AS val, id * 10 AS score FROM raw.src WHERE id = 2", List.of("id"), false)));

        assertThat(result(r, "mart.out").status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(engine.columns(new Target(null, "mart", "out"))).extracting(c -> c.name()).containsExactly("id", "val");
        assertThat(rows(engine, "SELECT id, val FROM mart.out ORDER BY id")).containsExactly("1|a", "2|B");
    }

    @Test
    void aColumnTheIncrementalQueryLostFailsUnderIgnoreAndExtendAsOnBigQuery() {
        run(engine, graph(incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of("id"), false)));
        for (OnSchemaChange mode : List.of(OnSchemaChange.IGNORE, OnSchemaChange.EXTEND)) {
            RunResult r = run(engine, graph(onSchemaChange(incremental(out, "SELECT id, val FROM raw.src",
                    "SELECT id, id * 10 AS score FROM raw.src WHERE id = 2", List.of("id"), false), mode)));

            assertThat(result(r, "mart.out").status()).isEqualTo(ActionStatus.FAILED);
            assertThat(result(r, "mart.out").error()).contains("no longer returns [val]").contains("onSchemaChange is " + mode);
            assertThat(engine.columns(new Target(null, "mart", "out"))).extracting(c -> c.name()).containsExactly("id", "val");
            assertThat(rows(engine, "SELECT id, val FROM mart.out ORDER BY id")).containsExactly("1|a", "2|b");
        }
    }

    @Test
    void withOnSchemaChangeFailAChangedQueryFailsAndLeavesTheTable() {
        run(engine, graph(incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of("id"), false)));
        RunResult r = run(engine, graph(onSchemaChange(incremental(out, "SELECT id, val FROM raw.src",
                "SELECT id, val, 1 AS extra FROM raw.src", List.of("id"), false), OnSchemaChange.FAIL)));

        assertThat(result(r, "mart.out").status()).isEqualTo(ActionStatus.FAILED);
        assertThat(result(r, "mart.out").error()).startsWith("definitions/out.sqlx:5: ").contains("onSchemaChange is FAIL").contains("[extra]");
        assertThat(engine.columns(new Target(null, "mart", "out"))).extracting(c -> c.name()).containsExactly("id", "val");
    }

    @Test
    void aProtectedTableIsNotToldToRebuildWithFullRefreshWhichKeepsIt() {
        run(engine, graph(incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of("id"), true)));
        RunResult r = run(engine, graph(onSchemaChange(incremental(out, "SELECT id, val FROM raw.src",
                "SELECT id, val, 1 AS extra FROM raw.src", List.of("id"), true), OnSchemaChange.FAIL)), RunOptions.all().withFullRefresh(true), 1);

        assertThat(result(r, "mart.out").error()).contains("remove protected: true and rebuild the table with --full-refresh");
        assertThat(result(r, "mart.out").note()).contains("protected");
    }

    @Test
    void aMergeWhoseQueryNoLongerWritesTheKeyFailsSayingSo() {
        run(engine, graph(incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of("id"), false)));
        RunResult r = run(engine, graph(onSchemaChange(incremental(out, "SELECT id, val FROM raw.src", "SELECT val FROM raw.src", List.of("id"), false),
                OnSchemaChange.SYNCHRONIZE)));
        assertThat(result(r, "mart.out").error()).contains("the unique key column id is not among the columns");
        assertThat(rows(engine, "SELECT count(*) FROM mart.out")).containsExactly("2");
    }

    @Test
    void withOnSchemaChangeSynchronizeColumnsTheQueryDroppedAreDropped() {
        run(engine, graph(incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of("id"), false)));
        run(engine, graph(onSchemaChange(incremental(out, "SELECT id, val FROM raw.src",
                "SELECT id, id * 10 AS score FROM raw.src WHERE id = 2", List.of("id"), false), OnSchemaChange.SYNCHRONIZE)));

        assertThat(engine.columns(new Target(null, "mart", "out"))).extracting(c -> c.name()).containsExactly("id", "score");
        assertThat(rows(engine, "SELECT id, score FROM mart.out ORDER BY id")).containsExactly("1|null", "2|20");
    }

    @Test
    void aPreOperationThatDeletesRowsAndAColumnChangeCommitTogether() {
        // DuckDB refuses to commit an ALTER of a table the same transaction changed: the columns change by a rewrite
        run(engine, graph(incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of(), false)));
        for (OnSchemaChange mode : List.of(OnSchemaChange.EXTEND, OnSchemaChange.SYNCHRONIZE)) {
            TableAction t = onSchemaChange(incremental(out, "SELECT id, val FROM raw.src",
                    mode == OnSchemaChange.EXTEND ? "SELECT id, val, id * 10 AS score FROM raw.src WHERE id = 2"
                            : "SELECT id, id * 100 AS score FROM raw.src WHERE id = 2", List.of(), false), mode);
            TableAction deleting = new TableAction(t.target(), t.type(), t.query(), t.incrementalQuery(), t.preOps(), t.postOps(),
                    List.of("DELETE FROM mart.out WHERE id = 2"), t.incrementalPostOps(), t.dependencyTargets(), t.tags(), t.descriptor(),
                    t.bigquery(), t.uniqueKey(), t.isProtected(), t.materialized(), t.disabled(), t.fileName(), t.sqlStartLine(),
                    t.onSchemaChange());
            assertThat(result(run(engine, graph(deleting)), "mart.out").status()).as(mode.toString()).isEqualTo(ActionStatus.SUCCEEDED);
        }
        assertThat(engine.columns(new Target(null, "mart", "out"))).extracting(c -> c.name()).containsExactly("id", "score");
        assertThat(rows(engine, "SELECT id, score FROM mart.out ORDER BY id")).containsExactly("1|null", "2|200");
    }

    @Test
    void fullRefreshRebuildsAnIncrementalTableButNotAProtectedOne() {
        var plain = incremental(out, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of(), false);
        Target kept = t("mart", "kept");
        var guarded = incremental(kept, "SELECT id, val FROM raw.src", "SELECT id, val FROM raw.src", List.of(), true);
        run(engine, graph(plain, guarded));
        engine.execute("DELETE FROM raw.src WHERE id = 1");

        RunResult r = run(engine, graph(plain, guarded), RunOptions.all().withFullRefresh(true), 1);
        assertThat(result(r, "mart.out").step()).isEqualTo(Step.BUILD_INCREMENTAL);
        assertThat(result(r, "mart.kept").step()).isEqualTo(Step.APPEND_INCREMENT);
        assertThat(result(r, "mart.kept").note()).contains("protected");
        assertThat(scalar(engine, "SELECT count(*) FROM mart.out")).isEqualTo(1);
        // protected: the original two rows stay, and the increment (id 2) was appended
        assertThat(rows(engine, "SELECT id FROM mart.kept ORDER BY id")).containsExactly("1", "2", "2");
    }

    @Test
    void missingDeclaredSourceFailsWithAClearMessage() {
        Target missing = t("thelook_ecommerce", "users");
        RunResult r = run(engine, graph(declaration(missing), table(out, "SELECT * FROM thelook_ecommerce.users", missing)));

        ActionResult check = result(r, "thelook_ecommerce.users");
        assertThat(check.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(check.error()).contains("source proj.thelook_ecommerce.users does not exist").contains("porygon generate");
        assertThat(result(r, "mart.out").status()).isEqualTo(ActionStatus.SKIPPED);

        // another project's source: no word of The Look's generator
        Target other = t("analytics_1", "sessions");
        RunResult o = run(engine, graph(declaration(other), table(out, "SELECT * FROM analytics_1.sessions", other)));
        assertThat(result(o, "analytics_1.sessions").error()).contains("read_parquet").doesNotContain("porygon generate");
    }

    @Test
    void assertionReturningRowsFailsWithCountAndSamples() {
        Target check = t("dataform_assertions", "out_no_b");
        RunResult r = run(engine, graph(table(out, "SELECT id, val FROM raw.src"),
                assertion(check, "SELECT * FROM mart.out WHERE val = 'b'", out, out)));

        ActionResult a = result(r, "dataform_assertions.out_no_b");
        assertThat(a.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(a.failingRows()).isEqualTo(1);
        assertThat(a.sampleRows()).containsExactly("id=2, val=b");
        assertThat(r.succeeded()).isFalse();

        RunResult ok = run(engine, graph(table(out, "SELECT id, val FROM raw.src"),
                assertion(check, "SELECT * FROM mart.out WHERE val = 'zz'", out, out)));
        assertThat(result(ok, "dataform_assertions.out_no_b").status()).isEqualTo(ActionStatus.SUCCEEDED);

        // rows that count but cannot be read (the count skips a column that fails to compute): said so, with why
        RunResult unreadable = run(engine, graph(table(out, "SELECT id, val FROM raw.src"),
                assertion(check, "SELECT id, CASE WHEN id - id = 0 THEN error('division by zero') END AS r FROM mart.out", out, out)));
        assertThat(result(unreadable, "dataform_assertions.out_no_b").failingRows()).isEqualTo(2);
        assertThat(result(unreadable, "dataform_assertions.out_no_b").sampleRows()).singleElement().asString()
                .startsWith("(the rows could not be read: ").contains("zero");
    }

    @Test
    void aSampleRowStaysOneLineWhenItsValuesHoldLineBreaks() {
        Target check = t("dataform_assertions", "no_multiline");
        RunResult r = run(engine, graph(assertion(check, "SELECT 'two' || chr(10) || 'lines' AS note", null)));
        assertThat(result(r, "dataform_assertions.no_multiline").sampleRows()).containsExactly("note=two\\nlines");
    }

    @Test
    void aSampleRowShowsBytesAsTheirContentNotTheDriversObject() {
        Target check = t("dataform_assertions", "no_bytes");
        RunResult r = run(engine, graph(assertion(check,
                "SELECT '\\x00\\xFFab'::BLOB AS b, ['\\x01'::BLOB] AS bs, {'k': 'c'::BLOB} AS s", null)));
        assertThat(result(r, "dataform_assertions.no_bytes").sampleRows())
                .containsExactly("b=b'\\x00\\xffab', bs=[b'\\x01'], s={k=b'c'}");
    }

    @Test
    void assertionCountsEveryFailingRowButKeepsAFewSamples() {
        Target check = t("dataform_assertions", "many_rows");
        // a trailing line comment must not swallow the count query's closing parenthesis
        RunResult r = run(engine, graph(table(out, "SELECT id, val FROM raw.src"),
                assertion(check, "SELECT range AS id FROM range(12) -- twelve failing rows", out, out)));

        ActionResult a = result(r, "dataform_assertions.many_rows");
        assertThat(a.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(a.failingRows()).isEqualTo(12);
        assertThat(a.sampleRows()).hasSize(ActionExecutor.SAMPLE_ROWS);
        assertThat(a.error()).contains("12 row(s)");
    }

    @Test
    void anAssertionWithATemporaryFunctionIsStillChecked() {
        // the translated SQL defines a macro before its SELECT, which a count's subquery cannot hold
        Target check = t("dataform_assertions", "with_function");
        RunResult r = run(engine, graph(table(out, "SELECT id, val FROM raw.src"),
                assertion(check, "CREATE OR REPLACE TEMP MACRO is_b(v) AS v = 'b';\nSELECT * FROM mart.out WHERE is_b(val)", out, out)));

        ActionResult a = result(r, "dataform_assertions.with_function");
        assertThat(a.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(a.failingRows()).isEqualTo(1);
        assertThat(a.sampleRows()).containsExactly("id=2, val=b");
    }

    @Test
    void preAndPostOperationsRunAroundTheTable() {
        RunResult r = run(engine, graph(withOps(out, "SELECT id FROM raw.src",
                List.of("CREATE TABLE IF NOT EXISTS raw.audit (msg VARCHAR)", "INSERT INTO raw.audit VALUES ('pre')"),
                List.of("INSERT INTO raw.audit SELECT 'post ' || count(*) FROM mart.out"))));
        assertThat(r.succeeded()).isTrue();
        assertThat(rows(engine, "SELECT msg FROM raw.audit")).containsExactly("pre", "post 2");

        // the rows written are the table's once its post-operations ran
        RunResult added = run(engine, graph(withOps(out, "SELECT id FROM raw.src", List.of(), List.of("INSERT INTO mart.out VALUES (9)"))));
        assertThat(result(added, "mart.out").rowsWritten()).isEqualTo(3);
    }

    @Test
    void statementsThatOnlySetBigQueryOptionsAreSkipped() {
        // translated for real: it is the translation that drops them
        Planner planner = new Planner(new WarehouseNames(DatabaseMapping.IGNORE, "dataform"), new io.porygon.core.sql.DuckDbTranslator(),
                engine::kind);
        RunResult r = new DagRunner(engine, 1, RunListener.NONE).run(planner.plan(graph(withOps(out, "SELECT id FROM raw.src", List.of(),
                List.of("ALTER TABLE mart.out SET OPTIONS (description = 'one row per id')")),
                operation(t("mart", "labels"), false, List.of("ALTER TABLE mart.out SET OPTIONS (labels = [('team', 'data')])"), out)),
                RunOptions.all()));
        assertThat(r.succeeded()).as(String.valueOf(r.actions())).isTrue();
        assertThat(rows(engine, "SELECT count(*) FROM mart.out")).containsExactly("2");
    }

    @Test
    void operationsRunInOrderAndReportTheirOutputTable() {
        Target made = t("mart", "made");
        RunResult r = run(engine, graph(operation(made, true,
                List.of("CREATE OR REPLACE TABLE mart.made (id INTEGER)", "INSERT INTO mart.made SELECT id FROM raw.src"))));
        assertThat(result(r, "mart.made").status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(result(r, "mart.made").rowsWritten()).isEqualTo(2);
    }

    @Test
    void blankOperationStatementsAreSkipped() {
        // Dataform keeps a blank statement between two `---` separators in the compiled graph
        Target made = t("mart", "made");
        RunResult r = run(engine, graph(operation(made, true,
                List.of("\n", "CREATE OR REPLACE TABLE mart.made AS SELECT id FROM raw.src", "  \n"))));
        assertThat(result(r, "mart.made").status()).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(rows(engine, "SELECT count(*) FROM mart.made")).containsExactly("2");
    }
}
