package io.porygon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the real CLI, in-process, on small SQLX projects and a real DuckDB file. */
class RunCommandTest {
    @TempDir Path project;
    Path warehouse;
    String stdout;
    String stderr;

    @BeforeEach
    void writeProject() throws IOException {
        warehouse = project.resolve(".porygon/warehouse.duckdb");
        write("workflow_settings.yaml", """
                defaultProject: acme-analytics
                defaultDataset: analytics
                defaultLocation: US
                defaultAssertionDataset: dataform_assertions
                """);
        write("definitions/sources/orders.sqlx", """
                config { type: "declaration", schema: "raw", name: "orders" }
                """);
        write("definitions/orders_clean.sqlx", """
                config {
                  type: "table",
                  tags: ["daily"],
                  assertions: { nonNull: ["order_id"] }
                }
                SELECT order_id, UPPER(status) AS status, CAST(amount AS NUMERIC) AS amount,
                       SAFE_DIVIDE(amount, 2) AS half
                FROM ${ref("orders")}
                """);
        write("definitions/orders_inc.sqlx", """
                config { type: "incremental", uniqueKey: ["order_id"] }
                SELECT order_id, status, amount FROM ${ref("orders_clean")}
                ${when(incremental(), `WHERE order_id >= (SELECT MAX(order_id) FROM ${self()})`)}
                """);
        write("definitions/big_orders.sqlx", """
                config { type: "view" }
                SELECT order_id, amount FROM ${ref("orders_inc")} WHERE amount >= 100
                """);
        write("definitions/order_totals.sqlx", """
                config { type: "table" }
                SELECT COUNT(*) AS n, SUM(amount) AS total FROM ${ref("big_orders")}
                """);
        write("definitions/tests/orders_clean_test.sqlx", """
                config { type: "test", dataset: "orders_clean" }
                input "orders" { SELECT 1 AS order_id, 'shipped' AS status, 10 AS amount }
                SELECT 1 AS order_id, 'SHIPPED' AS status, 10 AS amount, 5.0 AS half
                """);
        seed("CREATE SCHEMA raw", "CREATE TABLE raw.orders AS SELECT * FROM (VALUES (1, 'shipped', 120), (2, 'new', 30), (3, 'shipped', 250)) v(order_id, status, amount)");
    }

    @Test
    void runsTheProjectThenIncrementallyWithoutDuplicatesAndRecordsHistory() {
        assertThat(cli("run", "--threads", "2", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("OK", "analytics.orders_clean", "3 rows", "status", "SUCCEEDED");
        assertThat(query("SELECT status FROM analytics.orders_clean ORDER BY order_id")).containsExactly("SHIPPED", "NEW", "SHIPPED");
        assertThat(query("SELECT n || ':' || CAST(total AS BIGINT) FROM analytics.order_totals")).containsExactly("2:370");

        seed("UPDATE raw.orders SET amount = 300 WHERE order_id = 3", "INSERT INTO raw.orders VALUES (4, 'new', 500)");
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("incremental (merge)");
        // merged on order_id: row 3 updated, row 4 added, nothing duplicated
        assertThat(query("SELECT order_id || ':' || CAST(amount AS BIGINT) FROM analytics.orders_inc ORDER BY order_id"))
                .containsExactly("1:120", "2:30", "3:300", "4:500");
        assertThat(query("SELECT n || ':' || CAST(total AS BIGINT) FROM analytics.order_totals")).containsExactly("3:920");

        assertThat(cli("history", project.toString())).isZero();
        assertThat(stdout.lines().filter(l -> l.contains("SUCCEEDED")).count()).isEqualTo(2);
        assertThat(cli("history", "--run", "last", project.toString())).isZero();
        assertThat(stdout).contains("analytics.orders_inc", "dataform_assertions.");
        // the columns line up under their headers, whatever the length of the names
        List<String> lines = stdout.lines().skip(1).toList();
        int started = lines.get(0).indexOf("started (UTC)");
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allSatisfy(l -> assertThat(l.substring(started)).matches("\\d{4}-\\d\\d-\\d\\d .*"));
    }

    @Test
    void aStepLongerThanItsColumnKeepsTheNamesInLineInTheRunAndItsHistory() throws IOException {
        write("definitions/copy_orders.sqlx", """
                config { type: "operations" }
                CREATE OR REPLACE TABLE analytics.orders_copy AS SELECT * FROM ${ref("orders")}
                """);
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("source (read by an operation)"); // 29 characters
        assertNamesInOneColumn(stdout);
        assertThat(cli("history", "--run", "last", project.toString())).isZero();
        assertNamesInOneColumn(stdout);
    }

    /** Each action's name (the first word with a dot: no step has one) starts at the same column on every line. */
    private static void assertNamesInOneColumn(String output) {
        Pattern name = Pattern.compile("\\S+\\.\\S+");
        List<Integer> starts = output.lines().filter(l -> l.startsWith("  OK ")).map(l -> {
            Matcher m = name.matcher(l);
            assertThat(m.find()).as(l).isTrue();
            return m.start();
        }).distinct().toList();
        assertThat(starts).as(output).hasSize(1);
    }

    @Test
    void historyNamesWhatEachActionDidAsTheRunPrintedIt() {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        assertThat(stdout).containsPattern("check source +raw\\.orders").containsPattern("incremental \\(merge\\) +analytics\\.orders_inc");
        assertThat(cli("history", "--run", "last", project.toString())).isZero();
        // the step, as the run's own lines name it, not the action's type in the project (declaration, incremental)
        assertThat(stdout).containsPattern("check source +raw\\.orders").containsPattern("incremental \\(merge\\) +analytics\\.orders_inc")
                .containsPattern(" step +action +started").doesNotContain("declaration");
    }

    @Test
    void aHistoryWithAStepThisVersionDoesNotKnowStopsNoRunAndIsAClearErrorElsewhere() {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        seed("UPDATE porygon_meta.run_actions SET step = 'SOMETHING_NEW'"); // as a newer Porygon might write

        assertThat(cli("run", project.toString())).as(stderr).isZero(); // the history only orders the run and finds its alerts
        String unknown = "error: the run history (porygon_meta.run_actions) holds the step 'SOMETHING_NEW'";
        assertThat(cli("history", "--run", "last", project.toString())).isEqualTo(PorygonCli.EXIT_USAGE); // its alerts read the first run
        assertThat(stderr).contains(unknown, "hint: ").doesNotContain("internal error", "Exception");
        assertThat(cli("docs", "--out", project.resolve("site").toString(), project.toString())).isEqualTo(PorygonCli.EXIT_USAGE);
        assertThat(stderr).contains(unknown).doesNotContain("internal error", "Exception");
    }

    @Test
    void aRunWhoseStartWasClearedByHandIsListedWithoutOneInHistoryAndTheDocs() throws IOException {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        seed("UPDATE porygon_meta.runs SET started_at = NULL WHERE run_id = (SELECT min(run_id) FROM porygon_meta.runs)");

        assertThat(cli("history", project.toString())).as(stderr).isZero();
        assertThat(stdout.lines().filter(l -> l.contains("SUCCEEDED"))).hasSize(2).anySatisfy(l -> assertThat(l).containsPattern(" \\? +\\? +SUCCEEDED"));
        assertThat(cli("docs", "--out", project.resolve("site").toString(), project.toString())).as(stderr).isZero();
        assertThat(Files.readString(project.resolve("site/index.html"))).contains("<td>?</td><td class=\"num\">?</td><td>SUCCEEDED</td>");
    }

    @Test
    void aRunWhoseCountsAndCommandWereClearedByHandShowsThemAsUnknownNotAsMinusOneOrNull() throws IOException {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        seed("UPDATE porygon_meta.runs SET succeeded = NULL, command = NULL");

        assertThat(cli("history", project.toString())).as(stderr).isZero();
        assertThat(stdout).containsPattern("SUCCEEDED +\\? +0 +0 +0 +0\\s*$").doesNotContain(" -1 ", "null");
        assertThat(cli("docs", "--out", project.resolve("site").toString(), project.toString())).as(stderr).isZero();
        assertThat(Files.readString(project.resolve("site/index.html"))).contains("<td>SUCCEEDED</td><td class=\"num\">?</td>")
                .contains("<td><code></code></td></tr>");
    }

    @Test
    void aHistoryTableWithoutAColumnIsReadAndWrittenAgain() {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        // as an older Porygon's or a hand's: a column dropped from the middle of one table and the end of the other
        seed("ALTER TABLE porygon_meta.runs DROP COLUMN command", "ALTER TABLE porygon_meta.run_actions DROP COLUMN note");

        assertThat(cli("history", "--run", "last", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("analytics.orders_clean");
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        assertThat(stderr).doesNotContain("could not be written");
        assertThat(cli("history", project.toString())).as(stderr).isZero();
        assertThat(stdout.lines().filter(l -> l.contains("SUCCEEDED"))).hasSize(2).anySatisfy(l -> assertThat(l).contains("porygon run"));
        // both runs recorded every action, each value in its own column
        assertThat(query("SELECT count(*) || ' runs, ' || count(DISTINCT n) || ' action count' FROM"
                + " (SELECT run_id, count(*) AS n FROM porygon_meta.run_actions WHERE started_at IS NOT NULL GROUP BY run_id)"))
                .containsExactly("2 runs, 1 action count");
    }

    @Test
    void aRunThatCouldNotWriteItsHistoryIsNotSaidToHaveBeenKilled() {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        // a column this version does not know (a newer Porygon's): the history cannot be written, the run succeeds
        seed("ALTER TABLE porygon_meta.run_actions ADD COLUMN from_a_newer_porygon VARCHAR");

        assertThat(cli("run", project.toString())).as(stderr).isZero();
        String runId = stdout.lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().substring(4).strip();
        assertThat(stderr).contains("warning: the run history could not be written to porygon_meta",
                "so `porygon history` lists run " + runId + " as ABORTED, without its actions");
        assertThat(cli("history", "--run", runId, project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("Run " + runId + " was aborted", "or it could not write them to the history (it then printed a warning)");
    }

    @Test
    void aTableThatSuddenlyWritesNoRowsIsAnAlertInTheRunItsHistoryAndTheDocs() throws IOException {
        for (int i = 0; i < 3; i++) assertThat(cli("run", "--actions", "orders_clean", project.toString())).as(stderr).isZero();
        assertThat(stdout).doesNotContain("alerts");

        seed("DELETE FROM raw.orders");
        assertThat(cli("run", "--actions", "orders_clean", project.toString())).as(stderr).isZero(); // an alert is no failure
        String alert = "analytics.orders_clean: wrote 0 rows; its last 3 table runs wrote 3";
        assertThat(stdout).contains("alerts     1", alert);
        assertThat(cli("history", "--run", "last", project.toString())).isZero();
        assertThat(stdout).contains(alert);
        assertThat(cli("docs", "--out", project.resolve("site").toString(), project.toString())).as(stderr).isZero();
        assertThat(Files.readString(project.resolve("site/index.html")))
                .contains("<li><code>analytics.orders_clean</code>: wrote 0 rows; its last 3 table runs wrote 3</li>");
    }

    @Test
    void aTableIsComparedWithItsOwnRunsWhateverRanBetweenThemInTheSameWarehouse() throws IOException {
        for (int i = 0; i < 3; i++) assertThat(cli("run", "--actions", "orders_clean", project.toString())).as(stderr).isZero();
        // another project's runs, recorded in the same warehouse, more of them than the runs an action is compared with
        Path other = project.resolve("other");
        Files.createDirectories(other.resolve("definitions"));
        Files.writeString(other.resolve("workflow_settings.yaml"), "defaultProject: other\ndefaultDataset: other_ds\n");
        Files.writeString(other.resolve("definitions/one.sqlx"), "config { type: \"table\" }\nSELECT 1 AS x\n");
        for (int i = 0; i < 11; i++) assertThat(cli("run", "--warehouse", warehouse.toString(), other.toString())).as(stderr).isZero();

        seed("DELETE FROM raw.orders");
        assertThat(cli("run", "--actions", "orders_clean", project.toString())).as(stderr).isZero();
        String alert = "analytics.orders_clean: wrote 0 rows; its last 3 table runs wrote 3";
        assertThat(stdout).contains(alert);
        assertThat(cli("history", "--run", "last", project.toString())).isZero();
        assertThat(stdout).contains(alert);
        assertThat(cli("docs", "--out", project.resolve("site").toString(), project.toString())).as(stderr).isZero();
        assertThat(Files.readString(project.resolve("site/index.html"))).contains(alert.replace("analytics.orders_clean:", "analytics.orders_clean</code>:"));
    }

    @Test
    void aRunThatCreatedTheWarehouseAndFoundNoSourcesSaysTheFileIsNew() {
        Path typo = project.resolve("typo/w.duckdb");
        assertThat(cli("run", "--warehouse", typo.toString(), project.toString())).isEqualTo(1);
        assertThat(stderr).contains("note: " + typo + " did not exist, so this run created it and found no sources in it;"
                + " check --warehouse");
        // the missing source is listed once, under its line, with its file, and how to load it on a hint line as other
        // errors have; the summary only names it
        assertThat(stdout.lines().filter(l -> l.contains("does not exist in the warehouse"))).singleElement().asString()
                .contains("definitions/sources/orders.sqlx:1");
        assertThat(stdout).containsPattern("does not exist in the warehouse \\(looked for raw\\.orders\\)\\R +hint: load it first");
        assertThat(stdout).containsPattern("failed:\\R  raw\\.orders\\R?$");
        // a run on the existing warehouse, or a new one that needs no source, says nothing of the kind
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        assertThat(stderr).doesNotContain("did not exist");
        seed("DROP TABLE raw.orders");
        assertThat(cli("run", project.toString())).isEqualTo(1);
        assertThat(stderr).doesNotContain("did not exist");
    }

    @Test
    void aMissingSourceIsReportedAtItsConfigNotAtTheEndOfItsFile() throws IOException {
        // a declaration has no SQL: the line after its config block (the file's end) is no place to look
        write("definitions/sources/orders.sqlx", """
                config {
                  type: "declaration",
                  schema: "raw",
                  name: "orders",
                  description: "Raw orders.",
                  columns: {
                    order_id: "Order id."
                  }
                }
                """);
        assertThat(cli("run", "--warehouse", project.resolve("empty/w.duckdb").toString(), project.toString())).isEqualTo(1);
        assertThat(stdout.lines().filter(l -> l.contains("does not exist in the warehouse"))).singleElement().asString()
                .contains("definitions/sources/orders.sqlx:1:");
    }

    @Test
    void aFullRefreshDropsTheIncrementAKilledRunLeftBehind() {
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        // what a run killed between staging the new rows and merging them leaves
        seed("CREATE TABLE analytics.orders_inc__porygon_increment AS SELECT * FROM analytics.orders_inc");
        assertThat(cli("run", "--full-refresh", "--actions", "orders_inc", project.toString())).as(stderr).isZero();
        assertThat(query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%porygon_increment'")).isEmpty();
    }

    @Test
    void dryRunShowsAViewsBindCheckAsSuchNotAsAPreOperation() throws IOException {
        write("definitions/sorted_orders.sqlx", "config { type: \"view\" }\nSELECT order_id FROM ${ref(\"orders\")} ORDER BY order_id\n");
        assertThat(cli("run", "--dry-run", "--actions", "sorted_orders", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("-- check that the query as written binds").doesNotContain("-- pre-operation");
    }

    @Test
    void dryRunPrintsThePlanAndTranslatedSqlAndBuildsNothing() {
        assertThat(cli("run", "--dry-run", "--actions", "orders_clean", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("Plan: 1 action", "analytics.orders_clean", "upper(replace(status, 'ß', 'ss'))")
                .doesNotContain("analytics.orders_clean -> analytics.orders_clean")
                .doesNotContain("SAFE_DIVIDE").doesNotContain("`");
        assertThat(stdout).contains("row estimate (DuckDB's planner, a guess): 3");
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'analytics'")).containsExactly("0");
    }

    @Test
    void actionsAndTagsTakeDataformsSpaceSeparatedListsAndTheProjectMayFollow() {
        // Dataform's form, then picocli's: the list ends at the next option or at the project directory
        for (List<String> selection : List.of(List.of("--actions", "orders_clean", "order_totals"),
                List.of("--actions", "orders_clean,order_totals"), List.of("--actions", "orders_clean", "--actions", "order_totals"))) {
            List<String> args = new ArrayList<>(List.of("run", "--dry-run"));
            args.addAll(selection);
            args.add(project.toString());
            assertThat(cli(args.toArray(String[]::new))).as(selection + ": " + stderr).isZero();
            assertThat(stdout).contains("Plan: 2 actions", "analytics.orders_clean", "analytics.order_totals");
        }
        assertThat(cli("run", "--dry-run", project.toString(), "--actions", "orders_clean", "order_totals")).as(stderr).isZero();
        assertThat(stdout).contains("Plan: 2 actions");
        // a mistyped project path after the names is the project argument, which says it is not a project
        assertThat(cli("run", "--dry-run", "--actions", "orders_clean", project.resolve("typo").toString())).isEqualTo(2);
        assertThat(stderr).contains("not a Porygon/Dataform project");
        assertThat(cli("run", "--actions", "--dry-run", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("Missing required parameter for option '--actions' (NAME)");
    }

    @Test
    void anEmptyListOfNamesOrTagsIsAUsageErrorNotARunOfEverything() {
        // --actions "$UNSET": Dataform selects nothing with it; an empty selection here would run every action
        for (List<String> selection : List.of(List.of("--actions", ""), List.of("--actions", ","), List.of("--tags", " "),
                List.of("--tags", "", "--actions", "orders_clean"))) {
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(selection);
            args.add(project.toString());
            assertThat(cli(args.toArray(String[]::new))).as(selection.toString()).isEqualTo(2);
            assertThat(stderr).contains("Option '" + selection.get(0) + "' was given no " + (selection.get(0).equals("--tags") ? "TAG" : "NAME"));
            assertThat(stdout).doesNotContain("Running");
        }
        assertThat(cli("test", "--actions", "", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("Option '--actions' was given no NAME");
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'analytics'")).containsExactly("0");
    }

    @Test
    void dryRunAndTranslatedCompileShowTheCleanupThatForgetsAnActionsScriptVariables() throws IOException {
        write("definitions/checkpointed.sqlx", """
                config { type: "table" }
                pre_operations { DECLARE floor_amount INT64 DEFAULT 100; }
                SELECT order_id FROM ${ref("orders")} WHERE amount >= floor_amount
                """);
        assertThat(cli("run", "--dry-run", "--actions", "checkpointed", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("SET VARIABLE \"floor_amount\"", "getvariable('floor_amount')",
                "-- cleanup (run whatever the outcome)", "RESET VARIABLE \"floor_amount\"");
        assertThat(stdout.indexOf("RESET VARIABLE")).isGreaterThan(stdout.indexOf("getvariable('floor_amount')"));
        assertThat(cli("compile", "--dialect", "duckdb", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("-- cleanup (run whatever the outcome)", "RESET VARIABLE \"floor_amount\"");
    }

    @Test
    void errorsInAPreOperationOrALaterStatementAreLocatedAtTheirOwnLines() throws IOException {
        write("definitions/with_ops.sqlx", """
                config { type: "table" }
                pre_operations {
                  CREATE TEMP TABLE seen AS SELECT 1 AS x
                  ---
                  SELECT no_such_column FROM ${ref("orders")}
                }
                SELECT order_id FROM ${ref("orders")}
                """);
        write("definitions/three_steps.sqlx", """
                config { type: "operations" }
                SELECT 1
                ---
                SELECT 2
                ---
                SELECT missing_column
                FROM ${ref("orders")}
                """);
        // a translation error in a post-operation names its own line too
        write("definitions/untranslatable_post.sqlx", """
                config { type: "table" }
                SELECT 1 AS x

                post_operations {
                  SELECT FARM_FINGERPRINT('abc')
                }
                """);
        assertThat(cli("run", "--actions", "untranslatable_post", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("definitions/untranslatable_post.sqlx:5:");

        assertThat(cli("run", "--actions", "with_ops,three_steps", project.toString())).isEqualTo(1);
        assertThat(stdout + stderr).contains("definitions/with_ops.sqlx:5:").contains("definitions/three_steps.sqlx:6:");
    }

    @Test
    void anErrorInAStatementOnTheLineThatOpensItsBlockIsLocatedThere() throws IOException {
        write("definitions/pp.sqlx", "config { type: \"table\" }\nSELECT 1 AS id\npost_operations { SELECT nosuchcol FROM ${self()} }\n");
        write("definitions/pre.sqlx", "config { type: \"table\" }\nSELECT 1 AS id\npre_operations { SELECT 1 AS id, nosuchcol }\n");
        write("definitions/fp.sqlx", "config { type: \"table\" }\nSELECT 1 AS id\npost_operations { SELECT FARM_FINGERPRINT('abc') }\n");
        assertThat(cli("run", "--actions", "pp,pre", project.toString())).isEqualTo(1);
        assertThat(stdout + stderr).contains("definitions/pp.sqlx:3: Binder Error", "definitions/pre.sqlx:3: Binder Error");
        assertThat(cli("run", "--actions", "fp", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("definitions/fp.sqlx:3:26: FARM_FINGERPRINT()");
    }

    @Test
    void aFailingQueryBetweenPreAndPostOperationsReportsItsOwnError() throws IOException {
        // the table is built in one transaction with its operations; the failure aborts it, and the
        // error a catalog read then met replaced the query's own
        write("definitions/ratio.sqlx", """
                config { type: "table" }
                post_operations { SELECT 1 }
                SELECT order_id, 10 / (order_id - order_id) AS v FROM ${ref("orders")}
                """);
        assertThat(cli("run", "--actions", "ratio", project.toString())).isEqualTo(1);
        assertThat(stdout + stderr).contains("definitions/ratio.sqlx:3:", "division by zero").doesNotContain("transaction is aborted");
    }

    @Test
    void errorsBelowAPlaceholderThatCompiledToSeveralLinesOrNoneKeepTheirFileLine() throws IOException {
        write("includes/helpers.js", "function cols() { return \"order_id,\\n  status,\\n  amount\"; }\nmodule.exports = { cols };\n");
        write("definitions/wide.sqlx", """
                config { type: "table" }
                SELECT
                  ${helpers.cols()},
                  bad_column
                FROM ${ref("orders")}
                """);
        write("definitions/narrow.sqlx", """
                config { type: "table" }
                SELECT order_id
                FROM ${ref("orders")}
                ${when(incremental(), `WHERE order_id > 1
                  AND order_id < 9`)}
                WHERE FARM_FINGERPRINT(status) = 1
                """);
        assertThat(cli("run", "--actions", "wide", project.toString())).isEqualTo(1);
        assertThat(stdout + stderr).contains("definitions/wide.sqlx:4: Binder Error");
        assertThat(cli("run", "--actions", "narrow", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("definitions/narrow.sqlx:6:7:"); // the incremental condition compiled to no line

        write("definitions/typo.sqlx", "config { type: \"table\" }\nSELECT order_id\nFROM ${ref(\"orders\")} AS o o2\n");
        assertThat(cli("run", "--actions", "typo", project.toString())).isEqualTo(2);
        // the column would count in the compiled text, where ${ref(...)} became a longer name
        assertThat(stderr).contains("definitions/typo.sqlx:3: cannot parse this statement near \"o2\"");

        // a .js file: a query string written below the call is located where it is written; one a function built
        // elsewhere, at the call (it was placed past the end of the file)
        write("definitions/generated.js", """
                const q = (t) => `SELECT *
                FROM ${t}
                WHERE idd > 0`;
                // five
                // comment
                // lines
                // here
                // .
                publish("built", { type: "view" }).query(ctx => q(ctx.ref("orders")));
                publish("written", { type: "view" }).query(ctx => `
                SELECT order_id
                FROM ${ctx.ref("orders")}
                WHERE idd > 0`);
                """);
        // an error quoting no name, in a query of several statements: at the statement's line, not the query's first
        write("definitions/several.sqlx", """
                config { type: "operations" }
                CREATE OR REPLACE TABLE analytics.u1 (k STRING, v INT64);
                INSERT analytics.u1 VALUES ('dryer', 70);

                UPDATE analytics.u1 t SET v = t.v + s.v
                FROM (SELECT 'dryer' AS k, 1 AS v UNION ALL SELECT 'dryer', 2) s WHERE t.k = s.k;
                ASSERT FALSE AS 'never reached';
                """);
        assertThat(cli("run", "--actions", "several", project.toString())).isEqualTo(1);
        assertThat(stdout + stderr).contains("definitions/several.sqlx:5: Invalid Input Error: UPDATE/MERGE must match at most one source row");
        // also when ${self()} compiled the statement's table to another name than the warehouse's
        write("definitions/several.sqlx", """
                config { type: "operations", hasOutput: true }
                CREATE OR REPLACE TABLE ${self()} (k STRING, v INT64);
                INSERT ${self()} VALUES ('dryer', 70);

                MERGE ${self()} T USING (SELECT 'dryer' AS k, 1 AS v UNION ALL SELECT 'dryer', 2) S ON T.k = S.k
                WHEN MATCHED THEN UPDATE SET v = S.v;
                """);
        assertThat(cli("run", "--actions", "several", project.toString())).isEqualTo(1);
        assertThat(stdout + stderr).contains("definitions/several.sqlx:5: Invalid Input Error: UPDATE/MERGE must match at most one source row");
        write("definitions/several.sqlx", "config { type: \"operations\" }\nSELECT 1;\n\nASSERT 1 > 5 AS 'one is big';\n");
        assertThat(cli("run", "--actions", "several", project.toString())).isEqualTo(1);
        assertThat(stdout + stderr).contains("definitions/several.sqlx:4: Invalid Input Error: Assertion failed: one is big");
        // DuckDB's words for an unknown name inside a correlated UNNEST(...) get a hint that says so
        write("definitions/labels.sqlx", "config { type: \"table\" }\nSELECT (SELECT value FROM UNNEST(d.labelz) WHERE key = 'env') AS env"
                + "\nFROM (SELECT [STRUCT('env' AS key, 'prod' AS value)] AS labels) d\n");
        assertThat(cli("run", "--actions", "labels", project.toString())).isEqualTo(1);
        assertThat(stdout + stderr).contains("hint: check the names inside UNNEST(...)");
        assertThat(cli("run", "--actions", "built,written", project.toString())).isEqualTo(1);
        assertThat(stdout + stderr).contains("definitions/generated.js:9: Binder Error", "definitions/generated.js:13: Binder Error");
    }

    @Test
    void selectionByTagWithDependentsRunsOnlyThatPart() {
        assertThat(cli("run", "--tags", "daily", "--include-dependents", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("analytics.orders_clean", "analytics.orders_inc", "analytics.order_totals")
                .doesNotContain("raw.orders ");
    }

    @Test
    void failingAssertionExitsOneAndSkipsTheDependentsOfTheCheckedTable() throws IOException {
        seed("INSERT INTO raw.orders VALUES (NULL, 'lost', 1)");
        assertThat(cli("run", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("FAIL", "1 failing row ", "order_id=null")
                .contains("definitions/orders_clean.sqlx:4: assertion failed: 1 row(s) returned") // at its nonNull key
                .containsPattern("SKIP +incremental \\(full build\\) +analytics.orders_inc");
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'orders_inc'")).containsExactly("0");
    }

    @Test
    void aUniqueKeyAssertionCountsTheRepeatedKeysOfAnIntegerKeyAndPassesWhenThereAreNone() throws IOException {
        write("definitions/orders_by_id.sqlx", """
                config { type: "table", assertions: { uniqueKey: ["order_id"] } }
                SELECT order_id, status FROM ${ref("orders")}
                """);
        assertThat(cli("run", project.toString())).as(stdout).isZero();
        assertThat(stdout).containsPattern("OK +assertion +dataform_assertions\\.\\S+orders_by_id_assertions_uniqueKey_0");
        // two keys repeated: order 1 three times, order 2 twice
        seed("INSERT INTO raw.orders VALUES (1, 'again', 1), (1, 'and again', 1), (2, 'again', 2)");
        assertThat(cli("run", project.toString())).isEqualTo(1);
        assertThat(stdout).containsPattern("FAIL +assertion +dataform_assertions\\.\\S+orders_by_id_assertions_uniqueKey_0 +2 failing rows ");
    }

    @Test
    void historyGivesActionsThatNeverStartedNoStartOrTime() throws IOException {
        seed("INSERT INTO raw.orders VALUES (NULL, 'lost', 1)");
        assertThat(cli("run", project.toString())).isEqualTo(1);
        assertThat(cli("history", "--run", "last", project.toString())).isZero();
        // as the run printed them: the skipped actions never ran, so neither a start nor a time of 0.00s
        assertThat(stdout.lines().filter(l -> l.contains("SKIP "))).hasSize(3)
                .allSatisfy(l -> assertThat(l).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\d").doesNotContain("0.00s").contains("upstream "));
        assertThat(stdout.lines().filter(l -> l.contains("FAIL "))).singleElement().asString()
                .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\d+\\.\\d\\ds ");
    }

    @Test
    void historyShowsTheRowsAFailedAssertionReturnedInItsRowsColumn() {
        seed("INSERT INTO raw.orders VALUES (NULL, 'lost', 1), (NULL, 'lost too', 2)");
        assertThat(cli("run", project.toString())).isEqualTo(1);
        assertThat(stdout).containsPattern("FAIL +assertion +dataform_assertions\\.\\S+ +2 failing rows ");
        assertThat(cli("history", "--run", "last", project.toString())).isZero();
        // under rows, as the run printed it, not only inside the error further right
        int rows = stdout.lines().filter(l -> l.contains(" step ")).findFirst().orElseThrow().indexOf("  rows") + "  rows".length();
        assertThat(stdout.lines().filter(l -> l.contains("FAIL "))).singleElement().asString()
                .satisfies(l -> assertThat(l.substring(0, rows)).endsWith(" 2 failing"));
    }

    @Test
    void dataformsSchemaSuffixAndDisableAssertionsRunIntoDevDatasetsWithoutTheChecks() {
        seed("INSERT INTO raw.orders VALUES (NULL, 'lost', 1)"); // the nonNull assertion would fail
        assertThat(cli("run", "--schema-suffix", "dev", "--disable-assertions", project.toString())).as(stdout + stderr).isZero();
        assertThat(stdout).contains("analytics_dev.orders_clean", "check source").containsPattern("OFF .+dataform_assertions_dev\\.")
                .doesNotContain("FAIL");
        assertThat(query("SELECT count(*) FROM analytics_dev.orders_inc")).containsExactly("4");
        // the sources are read where they are declared: a suffix applies to no declaration
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_schema IN ('analytics', 'dataform_assertions_dev')"))
                .containsExactly("0");
    }

    @Test
    void historyCountsADisabledActionSoThatARunsCountsAddUp() throws IOException {
        write("definitions/order_totals.sqlx", """
                config { type: "table", disabled: true }
                SELECT COUNT(*) AS n, SUM(amount) AS total FROM ${ref("big_orders")}
                """);
        assertThat(cli("run", project.toString())).as(stderr).isZero();
        assertThat(cli("history", project.toString())).isZero();
        // the columns after the status: ok, fail, skip, cancel, off
        assertThat(stdout.lines().toList().get(0)).containsPattern("ok +fail +skip +cancel +off +command");
        assertThat(stdout.lines().toList().get(1)).containsPattern("SUCCEEDED +\\d+ +0 +0 +0 +1 +porygon run");
    }

    @Test
    void missingSourceFailsClearlyAndCompileErrorsExitTwo() throws IOException {
        seed("DROP TABLE raw.orders");
        assertThat(cli("run", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("source acme-analytics.raw.orders does not exist");

        write("definitions/broken.sqlx", "config { type: \"table\" }\nSELECT * FROM ${ref(\"no_such_table\")}\n");
        assertThat(cli("run", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("no_such_table");
        // the warehouse opened while compiling was closed again, and no new one is created
        Path fresh = project.resolve("fresh.duckdb");
        assertThat(cli("run", "--warehouse", fresh.toString(), project.toString())).isEqualTo(2);
        assertThat(fresh).doesNotExist();
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw'")).containsExactly("0");
    }

    @Test
    void errorsFoundWhilePlanningAreCountedAsCompileErrorsAre() throws IOException {
        write("definitions/predict.sqlx", "config { type: \"table\" }\nSELECT ML.PREDICT(1) AS p\n");
        write("definitions/forecast.sqlx", "config { type: \"view\" }\nSELECT ML.FORECAST(1) AS f\n");
        for (String dryRun : List.of("--dry-run", "--full-refresh")) {
            assertThat(cli("run", dryRun, project.toString())).isEqualTo(2);
            assertThat(stderr).contains("error: definitions/predict.sqlx:2:", "error: definitions/forecast.sqlx:2:")
                    .endsWith("2 compile errors; nothing was run" + System.lineSeparator());
        }
        Files.delete(project.resolve("definitions/forecast.sqlx"));
        assertThat(cli("run", project.toString())).isEqualTo(2);
        assertThat(stderr).endsWith("1 compile error; nothing was run" + System.lineSeparator());
    }

    @Test
    void anErrorFoundWhilePlanningCreatesNoWarehouse() throws IOException {
        // as a compile error: nothing was run, so no empty warehouse file is left for a later run (or a mistyped --warehouse)
        Path fresh = project.resolve("fresh.duckdb");
        write("definitions/predict.sqlx", "config { type: \"table\" }\nSELECT ML.PREDICT(1) AS p\n");
        assertThat(cli("run", "--warehouse", fresh.toString(), project.toString())).isEqualTo(2);
        assertThat(stderr).endsWith("1 compile error; nothing was run" + System.lineSeparator());
        assertThat(fresh).doesNotExist();
        Files.delete(project.resolve("definitions/predict.sqlx"));
        assertThat(cli("run", "--warehouse", fresh.toString(), "--actions", "orders_clean", project.toString())).isEqualTo(1);
        assertThat(fresh).exists();
    }

    @Test
    void unknownActionIsAUsageError() {
        assertThat(cli("run", "--actions", "nope", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("no action named 'nope'");
        assertThat(cli("run", "--actions", "order_clean", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("did you mean orders_clean?");
        assertThat(cli("run", "--actions", "orders_clean_test", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("'orders_clean_test' is a unit test, not an action").contains("porygon test");
    }

    @Test
    void unitTestsPassAndAWrongExpectationShowsARowDiff() throws IOException {
        assertThat(cli("test", project.toString())).as(stdout + stderr).isZero();
        assertThat(stdout).contains("PASS orders_clean_test", "1 test, 1 passed, 0 failed");
        // a warehouse that is not there is not created for the tests (a mistyped path, say): they run in memory
        Path missing = project.resolve("no/such/dir/w.duckdb");
        assertThat(cli("test", "--warehouse", missing.toString(), project.toString())).as(stdout + stderr).isZero();
        assertThat(stdout).contains("PASS orders_clean_test");
        assertThat(project.resolve("no")).doesNotExist();
        // --actions names a test, or the dataset it tests as run --actions names it
        for (String name : List.of("orders_clean_test", "orders_clean", "analytics.orders_clean")) {
            assertThat(cli("test", "--actions", name, project.toString())).as(name + ": " + stderr).isZero();
            assertThat(stdout).contains("PASS orders_clean_test");
        }

        write("definitions/tests/orders_clean_test.sqlx", """
                config { type: "test", dataset: "orders_clean" }
                input "orders" { SELECT 1 AS order_id, 'shipped' AS status, 10 AS amount }
                SELECT 1 AS order_id, 'shipped' AS status, 10 AS amount, 5.0 AS half
                """);
        assertThat(cli("test", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("FAIL orders_clean_test", "- (1, 'shipped', 10, 5)", "+ (1, 'SHIPPED', 10, 5)");

        // a model a run refuses (a second statement) is refused by its test too, not tested by the last statement
        write("definitions/orders_clean.sqlx", "config { type: \"table\" }\nSELECT order_id FROM ${ref(\"orders\")};\nSELECT 2 AS y\n");
        assertThat(cli("test", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("FAIL orders_clean_test", "a second statement after the query");
    }

    @Test
    void aModelsRunTimeErrorOnATestsInputsIsReportedAtTheModelsLine() throws IOException {
        write("definitions/tests/orders_clean_test.sqlx", """
                config { type: "test", dataset: "orders_clean" }
                input "orders" { SELECT 1 AS order_id, 'shipped' AS status, 0 AS amount }
                SELECT 1 AS order_id, 'SHIPPED' AS status, 0 AS amount, 0.0 AS half
                """);
        write("definitions/orders_clean.sqlx", """
                config { type: "table" }
                SELECT order_id, UPPER(status) AS status, amount,
                       10 / amount AS half
                FROM ${ref("orders")}
                """);
        assertThat(cli("test", project.toString())).isEqualTo(1);
        // the model's file and the line of the expression, which the test's file has neither of
        assertThat(stdout).contains("definitions/orders_clean.sqlx:3: the model's query failed on the inputs of definitions/tests/orders_clean_test.sqlx: ")
                .contains("division by zero: 10 / amount")
                .doesNotContain("give them the columns it selects");
    }

    @Test
    void aMistakeInATestsInputBlockIsReportedInTheTestsFileNotAtTheModelsFirstLine() throws IOException {
        write("definitions/tests/orders_clean_test.sqlx", """
                config { type: "test", dataset: "orders_clean" }
                input "orders" {
                  SELECT 1 AS order_id, 'shipped' AS status,
                    no_such AS amount
                }
                SELECT 1 AS order_id, 'SHIPPED' AS status, 1 AS amount, 0.1 AS half
                """);
        assertThat(cli("test", project.toString())).isEqualTo(1);
        // no_such is in no line of the model: its file's first line of SQL would point at nothing wrong
        assertThat(stdout).contains("definitions/tests/orders_clean_test.sqlx: the model's query failed on the test's inputs: ")
                .contains("\"no_such\"").contains("hint: the input blocks stand in for the tables the model reads")
                .doesNotContain("definitions/orders_clean.sqlx:");
    }

    @Test
    void aTranslationErrorInATestedQueryIsReportedInTheFileThatHoldsIt() throws IOException {
        write("definitions/orders_clean.sqlx", """
                config { type: "table" }
                SELECT order_id, status, amount,
                       ML.PREDICT(amount) AS half
                FROM ${ref("orders")}
                """);
        assertThat(cli("test", project.toString())).isEqualTo(1);
        // the model's line, as a run reports it; not the test's file at the line the model's SQL would have there
        assertThat(stdout).contains("FAIL orders_clean_test", "definitions/orders_clean.sqlx:3:")
                .doesNotContain("definitions/tests/orders_clean_test.sqlx:");

        write("definitions/orders_clean.sqlx", "config { type: \"table\" }\nSELECT order_id, status, amount, 5.0 AS half FROM ${ref(\"orders\")}\n");
        write("definitions/tests/orders_clean_test.sqlx", """
                config { type: "test", dataset: "orders_clean" }
                input "orders" {
                  SELECT 1 AS order_id, 'shipped' AS status,
                    ML.PREDICT(1) AS amount
                }
                SELECT 1 AS order_id, 'shipped' AS status, 1 AS amount, 5.0 AS half
                """);
        assertThat(cli("test", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("definitions/tests/orders_clean_test.sqlx: the model's query on the test's input rows cannot be translated: ")
                .contains("hint: in the SQL of the input blocks");
    }

    @Test
    void configFileSetsTheWarehousePath() throws IOException {
        Path other = project.resolve("elsewhere/wh.duckdb");
        write("porygon.yaml", "warehouse:\n  path: elsewhere/wh.duckdb\n  threads: 2\nrun:\n  threads: 1\n");
        assertThat(cli("run", "--actions", "orders_clean", "--include-deps", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("does not exist");
        assertThat(Files.exists(other)).isTrue();

        write("porygon.yaml", "warehouse:\n  pth: x\n");
        assertThat(cli("run", project.toString())).isEqualTo(2);
        assertThat(stderr).contains("unknown setting 'warehouse.pth'");
    }

    // ---- helpers ----

    @Test
    void aPartitionByOrClusterByThatNamesNoColumnFailsTheFullBuildAtItsLineAndKeepsTheTable() throws IOException {
        String query = "SELECT order_id, status, TIMESTAMP '2024-01-01' AS created_at FROM ${ref(\"orders\")}\n";
        write("definitions/partitioned.sqlx", "config {\n  type: \"table\",\n  bigquery: {\n    partitionBy: \"DATE(created_at)\",\n"
                + "    clusterBy: [\"status\"]\n  }\n}\n" + query);
        assertThat(cli("run", "--actions", "partitioned", project.toString())).as(stderr).isZero();
        assertThat(cli("run", "--dry-run", "--actions", "partitioned", project.toString())).as(stderr).isZero();
        assertThat(stdout).contains("check that bigquery.partitionBy and clusterBy name columns of the query");

        // BigQuery refuses to create a table partitioned or clustered by a name its query lacks; DuckDB has no use for them
        seed("INSERT INTO raw.orders VALUES (4, 'new', 500)");
        write("definitions/partitioned.sqlx", "config {\n  type: \"table\",\n  bigquery: {\n    partitionBy: \"DATE(created)\",\n"
                + "    clusterBy: [\"status\"]\n  }\n}\n" + query);
        assertThat(cli("run", "--actions", "partitioned", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("definitions/partitioned.sqlx:4: bigquery.partitionBy or clusterBy does not fit the query's columns",
                "\"created\"", "hint: partitionBy and clusterBy name columns of the query's result");
        assertThat(query("SELECT count(*) FROM analytics.partitioned")).containsExactly("3"); // the table of the last build
        write("definitions/partitioned.sqlx", "config {\n  type: \"table\",\n  bigquery: {\n    partitionBy: \"DATE(created_at)\",\n"
                + "    clusterBy: [\"state\"]\n  }\n}\n" + query);
        assertThat(cli("run", "--actions", "partitioned", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("definitions/partitioned.sqlx:5: bigquery.partitionBy or clusterBy", "\"state\"");
        // ingestion-time partitioning names a pseudo-column of BigQuery's, which no query has
        write("definitions/partitioned.sqlx", "config {\n  type: \"table\",\n  bigquery: {\n    partitionBy: \"DATE(_PARTITIONTIME)\",\n"
                + "    clusterBy: [\"status\"]\n  }\n}\n" + query);
        assertThat(cli("run", "--actions", "partitioned", project.toString())).as(stdout).isZero();
    }

    @Test
    void partitionByAndClusterByMayNameColumnsThatDuckDbReservesButBigQueryDoesNot() throws IOException {
        // offset, table, column: plain column names on BigQuery, keywords on DuckDB
        write("definitions/events.sqlx", "config {\n  type: \"table\",\n  bigquery: {\n"
                + "    partitionBy: \"RANGE_BUCKET(offset, GENERATE_ARRAY(0, 100, 10))\",\n    clusterBy: [\"table\", \"column\"]\n  }\n}\n"
                + "SELECT order_id AS offset, status AS `table`, 'x' AS `column` FROM ${ref(\"orders\")}\n");
        assertThat(cli("run", "--actions", "events", project.toString())).as(stdout).isZero();
        assertThat(query("SELECT count(*) FROM analytics.events")).containsExactly("3");
    }

    @Test
    void aClusterByNamingAScriptVariableButNoColumnStillFails() throws IOException {
        // CLUSTER BY names the table's columns, never the script's variables
        write("definitions/stamped.sqlx", "config {\n  type: \"table\",\n  bigquery: {\n    clusterBy: [\"batch\"]\n  }\n}\n"
                + "pre_operations {\n  DECLARE batch INT64 DEFAULT 7;\n}\nSELECT order_id, batch AS batch_id FROM ${ref(\"orders\")}\n");
        assertThat(cli("run", "--actions", "stamped", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("definitions/stamped.sqlx:4: bigquery.partitionBy or clusterBy does not fit the query's columns", "\"batch\"");
    }

    @Test
    void aStorageOptionErrorIsLocatedInTheActionsOwnOptionsNotInADescriptionOrAnotherAction() throws IOException {
        write("definitions/described.sqlx", "config {\n  type: \"table\",\n  description: \"clustered by state\",\n"
                + "  bigquery: {\n    clusterBy: [\"state\"]\n  }\n}\nSELECT order_id, status FROM ${ref(\"orders\")}\n");
        assertThat(cli("run", "--actions", "described", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("definitions/described.sqlx:5: bigquery.partitionBy or clusterBy", "\"state\"");

        write("definitions/published.js", """
                publish("first", {
                  type: "table",
                  description: "its created is a date",
                }).query(ctx => `SELECT DATE '2024-01-01' AS created`);

                publish("second", {
                  type: "table",
                  bigquery: {
                    partitionBy: "DATE(created)",
                  },
                }).query(ctx => `SELECT TIMESTAMP '2024-01-01' AS created_at`);
                """);
        assertThat(cli("run", "--actions", "second", project.toString())).isEqualTo(1);
        assertThat(stdout).contains("definitions/published.js:9: bigquery.partitionBy or clusterBy", "\"created\"");
    }

    private int cli(String... args) {
        CliRun.Result result = CliRun.run(args);
        stdout = result.out();
        stderr = result.err();
        return result.exitCode();
    }

    private void write(String relative, String content) throws IOException {
        TestProjects.write(project, relative, content);
    }

    private void seed(String... statements) {
        TestProjects.seed(warehouse, statements);
    }

    private List<String> query(String sql) {
        return TestProjects.query(warehouse, sql);
    }
}
