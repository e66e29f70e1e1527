package io.porygon.core.run;

import static io.porygon.core.run.Graphs.*;
import static io.porygon.core.run.Runs.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.OperationAction;
import io.porygon.core.graph.Target;
import io.porygon.core.sql.DuckDbTranslator;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BigQuery's procedural statements in operations (IF, loops, BEGIN ... EXCEPTION), run on a real DuckDB file. */
class ProceduralScriptRunTest {
    @TempDir Path dir;
    DuckDbEngine engine;

    final Target op = t("s", "op");

    @BeforeEach
    void open() {
        engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")));
        engine.execute("CREATE SCHEMA s");
        engine.execute("CREATE TABLE s.log (step VARCHAR)");
        engine.execute("CREATE TABLE s.events AS SELECT * FROM (VALUES (1), (2), (3)) v(id)");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Planner planner() {
        WarehouseNames names = new WarehouseNames(DatabaseMapping.IGNORE, "s");
        return new Planner(names, new DuckDbTranslator(target -> DuckDbTranslator.schemaAndName(names.map(target))), engine::kind);
    }

    private static OperationAction operation(Target target, String script) {
        return new OperationAction(target, List.of(script), false, List.of(), List.of(), ActionDescriptor.EMPTY, false,
                "definitions/" + target.name() + ".sqlx", 5);
    }

    private ActionResult run(String script) {
        RunResult result = new DagRunner(engine, 1, RunListener.NONE).run(planner().plan(graph(operation(op, script)), RunOptions.all()));
        return result(result, "s.op");
    }

    private List<String> log() {
        return rows(engine, "SELECT step FROM s.log ORDER BY rowid");
    }

    @Test
    void ifElseIfElseRunsTheFirstBranchWhoseConditionIsTrue() {
        ActionResult r = run("""
                DECLARE n INT64 DEFAULT (SELECT COUNT(*) FROM `proj.s.events`);
                IF n > 5 THEN
                  INSERT INTO `proj.s.log` VALUES ('many');
                ELSEIF n > 2 THEN
                  INSERT INTO `proj.s.log` VALUES ('some');
                  INSERT INTO `proj.s.log` VALUES (CONCAT('n=', CAST(n AS STRING)));
                ELSE
                  INSERT INTO `proj.s.log` VALUES ('few');
                END IF;
                IF EXISTS (SELECT 1 FROM `proj.s.events` WHERE id = 99) THEN INSERT INTO `proj.s.log` VALUES ('99'); END IF;
                IF NULL THEN INSERT INTO `proj.s.log` VALUES ('null is not true'); END IF;
                IF CASE WHEN n = 3 THEN TRUE END THEN INSERT INTO `proj.s.log` VALUES ('case'); END IF""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("some", "n=3", "case");
    }

    @Test
    void loopsRunUntilTheirConditionOrABreak() {
        ActionResult r = run("""
                DECLARE i INT64 DEFAULT 0;
                WHILE i < 3 DO
                  SET i = i + 1;
                  IF i = 2 THEN CONTINUE; END IF;
                  INSERT INTO `proj.s.log` VALUES (CONCAT('while ', CAST(i AS STRING)));
                END WHILE;
                LOOP
                  SET i = i - 1;
                  IF i < 1 THEN LEAVE; END IF;
                  INSERT INTO `proj.s.log` VALUES (CONCAT('loop ', CAST(i AS STRING)));
                END LOOP;
                REPEAT
                  SET i = i + 10;
                  INSERT INTO `proj.s.log` VALUES (CONCAT('repeat ', CAST(i AS STRING)));
                UNTIL i >= 20 END REPEAT;""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("while 1", "while 3", "loop 2", "loop 1", "repeat 10", "repeat 20");
    }

    @Test
    void anExceptionHandlerRunsInsteadOfFailingAndRaiseFailsTheAction() {
        ActionResult handled = run("""
                BEGIN
                  INSERT INTO `proj.s.log` VALUES ('before');
                  SELECT * FROM `proj.s.missing`;
                  INSERT INTO `proj.s.log` VALUES ('never');
                EXCEPTION WHEN ERROR THEN
                  INSERT INTO `proj.s.log` VALUES ('handled');
                END;
                BEGIN
                  RAISE USING MESSAGE = 'caught';
                EXCEPTION WHEN ERROR THEN
                  INSERT INTO `proj.s.log` VALUES ('raise handled');
                END""");
        assertThat(handled.status()).as(String.valueOf(handled.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("before", "handled", "raise handled");

        ActionResult raised = run("""
                DECLARE n INT64 DEFAULT 3;
                IF n > 2 THEN
                  RAISE USING MESSAGE = CONCAT('too many rows: ', CAST(n AS STRING));
                END IF;
                INSERT INTO `proj.s.log` VALUES ('after raise')""");
        assertThat(raised.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(raised.error()).startsWith("definitions/op.sqlx:7: too many rows: 3"); // the RAISE's line, not the script's first
        assertThat(log()).doesNotContain("after raise");
    }

    @Test
    void transactionsRunInAndAroundBlocksAsInBigQuery() {
        // BigQuery's documented pattern: an error inside the transaction runs the handler, which rolls it back
        ActionResult rolledBack = run("""
                BEGIN
                  BEGIN TRANSACTION;
                  INSERT INTO `proj.s.log` VALUES ('in transaction');
                  SELECT 1/0;
                  COMMIT TRANSACTION;
                EXCEPTION WHEN ERROR THEN
                  INSERT INTO `proj.s.log` VALUES ('handler, rolled back too');
                  ROLLBACK TRANSACTION;
                END;
                INSERT INTO `proj.s.log` VALUES ('after')""");
        assertThat(rolledBack.status()).as(String.valueOf(rolledBack.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("after");

        // a RAISE leaves the transaction as it is: the handler may commit it
        ActionResult committed = run("""
                BEGIN TRANSACTION;
                INSERT INTO `proj.s.log` VALUES ('kept');
                BEGIN
                  RAISE USING MESSAGE = 'stop';
                EXCEPTION WHEN ERROR THEN
                  COMMIT;
                END""");
        assertThat(committed.status()).as(String.valueOf(committed.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("after", "kept");

        // a transaction the script leaves open is rolled back at its end, as BigQuery does
        ActionResult open = run("IF TRUE THEN BEGIN TRANSACTION; INSERT INTO `proj.s.log` VALUES ('open'); END IF");
        assertThat(open.status()).as(String.valueOf(open.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("after", "kept");

        // DuckDB dropped the changes at the error, which BigQuery's COMMIT would keep: an error, not a silent loss
        ActionResult lost = run("""
                BEGIN
                  BEGIN TRANSACTION;
                  INSERT INTO `proj.s.log` VALUES ('lost');
                  SELECT 1/0;
                EXCEPTION WHEN ERROR THEN
                  COMMIT TRANSACTION;
                END""");
        assertThat(lost.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(lost.error()).startsWith("definitions/op.sqlx:10: ").contains("COMMIT of a transaction after a handled error");
        assertThat(log()).containsExactly("after", "kept");

        ActionResult plain = run("BEGIN;\nINSERT INTO `proj.s.log` VALUES ('plain');\nCOMMIT TRANSACTION;");
        assertThat(plain.status()).as(String.valueOf(plain.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("after", "kept", "plain");
    }

    @Test
    void raiseWithoutAMessageRaisesTheHandledErrorAgain() {
        ActionResult r = run("""
                BEGIN
                  BEGIN
                    SELECT * FROM `proj.s.missing`;
                  EXCEPTION WHEN ERROR THEN
                    INSERT INTO `proj.s.log` VALUES ('inner');
                    RAISE;
                  END;
                EXCEPTION WHEN ERROR THEN
                  INSERT INTO `proj.s.log` VALUES ('outer');
                  RAISE;
                END""");
        assertThat(r.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(r.error()).startsWith("definitions/op.sqlx:7: ").contains("Table with name missing does not exist"); // the failed statement's line
        assertThat(log()).containsExactly("inner", "outer");
        // BigQuery allows it only in a handler
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "SELECT 1;\nRAISE;")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("RAISE without USING MESSAGE outside an exception handler")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(6));
    }

    @Test
    void aFailedStatementOfTheScriptIsReportedAtItsOwnLine() {
        // an error that quotes no name is at the statement that failed, not at the script's first line
        ActionResult r = run("""
                DECLARE x INT64 DEFAULT 0;
                INSERT INTO `proj.s.log` VALUES ('one');
                IF x = 0 THEN
                  SELECT ERROR('boom');
                END IF""");
        assertThat(r.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(r.error()).startsWith("definitions/op.sqlx:8: ").contains("boom");
        // a name the error quotes is looked up in the statement that failed, not at its first use in the script
        r = run("""
                INSERT INTO `proj.s.log` SELECT 'x' FROM `proj.s.events` WHERE FALSE;
                IF TRUE THEN
                  INSERT INTO `proj.s.log`
                  SELECT CAST(id AS STRING) FROM `proj.s.events` WHERE FALSE;
                  INSERT INTO `proj.s.log`
                  SELECT step FROM `proj.s.events`;
                END IF""");
        assertThat(r.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(r.error()).startsWith("definitions/op.sqlx:10: ").contains("step");
        // RAISE without a message raises the error again where its statement is
        r = run("""
                DECLARE x INT64 DEFAULT 0;
                BEGIN
                  SET x = 1;
                  SELECT ERROR('deep');
                EXCEPTION WHEN ERROR THEN
                  RAISE;
                END""");
        assertThat(r.error()).startsWith("definitions/op.sqlx:8: ").contains("deep");
    }

    @Test
    void aVariableABlockDeclaresEndsWithTheBlock() {
        String script = """
                BEGIN
                  DECLARE id INT64 DEFAULT 99;
                  INSERT INTO `proj.s.log` VALUES (CAST(id AS STRING));
                END;
                BEGIN
                  DECLARE id STRING DEFAULT 'again';
                  INSERT INTO `proj.s.log` VALUES (id);
                END;
                INSERT INTO `proj.s.log` SELECT CAST(id AS STRING) FROM `proj.s.events` WHERE id = 1""";
        // a second block may declare the name, and after the blocks it is the column again (it read 99: no row)
        ActionResult r = run(script);
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("99", "again", "1");
        // the action's end still forgets it
        assertThat(planner().plan(graph(operation(op, script)), RunOptions.all()).actions().get(0).cleanup()).containsExactly("RESET VARIABLE \"id\"");
    }

    @Test
    void returnEndsTheScript() {
        ActionResult r = run("""
                INSERT INTO `proj.s.log` VALUES ('one');
                IF TRUE THEN
                  WHILE TRUE DO RETURN; END WHILE;
                END IF;
                INSERT INTO `proj.s.log` VALUES ('two')""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("one");
    }

    @Test
    void theCaseStatementRunsTheFirstWhenThatHolds() {
        ActionResult r = run("""
                DECLARE n INT64 DEFAULT (SELECT COUNT(*) FROM `proj.s.events`);
                CASE
                  WHEN n > 5 THEN INSERT INTO `proj.s.log` VALUES ('many');
                  WHEN n > 2 THEN
                    INSERT INTO `proj.s.log` VALUES ('some');
                    CASE n WHEN 2 THEN INSERT INTO `proj.s.log` VALUES ('two'); WHEN 1 + 2 THEN INSERT INTO `proj.s.log` VALUES ('three'); END CASE;
                  WHEN n > 1 THEN INSERT INTO `proj.s.log` VALUES ('not reached');
                  ELSE INSERT INTO `proj.s.log` VALUES ('few');
                END CASE;
                CASE CASE WHEN n = 3 THEN 'x' END
                  WHEN 'y' THEN INSERT INTO `proj.s.log` VALUES ('y');
                  ELSE INSERT INTO `proj.s.log` VALUES (CASE WHEN n = 3 THEN 'else' END);
                END CASE;
                CASE NULL WHEN NULL THEN INSERT INTO `proj.s.log` VALUES ('NULL = NULL is not true'); END CASE""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("some", "three", "else");
    }

    @Test
    void aCaseSubjectIsComputedOnceBeforeItsFirstWhen() {
        // computed again for each WHEN, a random subject would match none of them about one time in four
        ActionResult r = run("""
                DECLARE n INT64 DEFAULT 0;
                WHILE n < 30 DO
                  SET n = n + 1;
                  CASE CAST(FLOOR(RAND() * 2) AS INT64)
                    WHEN 0 THEN INSERT INTO `proj.s.log` VALUES ('0');
                    WHEN 1 THEN INSERT INTO `proj.s.log` VALUES ('1');
                  END CASE;
                END WHILE""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).hasSize(30);
    }

    @Test
    void forRunsItsBodyOncePerRowWithTheRowAsAStruct() {
        ActionResult r = run("""
                DECLARE total INT64 DEFAULT 0;
                FOR e IN (SELECT id, CONCAT('e', CAST(id AS STRING)) AS name FROM `proj.s.events` ORDER BY id DESC) DO
                  IF e.id = 2 THEN CONTINUE; END IF;
                  SET total = total + e.id;
                  INSERT INTO `proj.s.log` VALUES (e.name);
                  FOR k IN (SELECT x FROM UNNEST([10, 20, 30]) AS x ORDER BY x) DO
                    IF k.x > 20 THEN BREAK; END IF;
                    INSERT INTO `proj.s.log` VALUES (CONCAT(e.name, '/', CAST(k.x AS STRING)));
                  END FOR;
                END FOR;
                FOR none IN (SELECT id FROM `proj.s.events` WHERE FALSE) DO INSERT INTO `proj.s.log` VALUES ('never'); END FOR;
                FOR `Quoted`IN (SELECT 'q' AS v) DO INSERT INTO `proj.s.log` VALUES (quoted.v); END FOR;
                INSERT INTO `proj.s.log` VALUES (CONCAT('total=', CAST(total AS STRING)))""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("e3", "e3/10", "e3/20", "e1", "e1/10", "e1/20", "q", "total=4");
    }

    @Test
    void aForVariableTakesNoNameAVariableInScopeHasAsInBigQuery() {
        // BigQuery refuses the redeclaration; run, the loop's end forgot the outer x, which then read NULL
        assertThatThrownBy(() -> planner().plan(graph(operation(op, """
                DECLARE x STRING DEFAULT 'outer';
                FOR x IN (SELECT 'row' AS v) DO SELECT x.v; END FOR;
                SELECT x""")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("variable x is declared twice");
        assertThatThrownBy(() -> planner().plan(graph(operation(op,
                "FOR r IN (SELECT 1 AS v) DO FOR r IN (SELECT 2 AS v) DO SELECT r.v; END FOR; END FOR")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("variable r is declared twice");
        // after END FOR (or a block's END) the name is free again
        ActionResult r = run("""
                BEGIN DECLARE r INT64; END;
                FOR r IN (SELECT 'a' AS v) DO INSERT INTO `proj.s.log` VALUES (r.v); END FOR;
                FOR r IN (SELECT 'b' AS v) DO INSERT INTO `proj.s.log` VALUES (r.v); END FOR""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("a", "b");
    }

    @Test
    void aLaterQueryOfTheOperationMayReuseTheNameOfAnEndedBlocksVariable() {
        OperationAction twoQueries = new OperationAction(op, List.of(
                "FOR r IN (SELECT 'a' AS v) DO INSERT INTO `proj.s.log` VALUES (r.v); END FOR",
                "FOR r IN (SELECT 'b' AS v) DO INSERT INTO `proj.s.log` VALUES (r.v); END FOR",
                // the block's x is gone: x is the column again
                "BEGIN DECLARE x STRING DEFAULT 'variable'; END",
                "INSERT INTO `proj.s.log` SELECT x FROM (SELECT 'column' AS x)"),
                false, List.of(), List.of(), ActionDescriptor.EMPTY, false, "definitions/op.sqlx", 5);
        RunResult result = new DagRunner(engine, 1, RunListener.NONE).run(planner().plan(graph(twoQueries), RunOptions.all()));

        assertThat(result(result, "s.op").status()).as(String.valueOf(result(result, "s.op").error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("a", "b", "column");
    }

    @Test
    void aStatementRightAfterABlockHeaderIsReadAsItWouldBeAlone() {
        // BigQuery's MERGE without INTO, DELETE without FROM, INSERT ROW and SET DATA TYPE, each first after a header
        ActionResult r = run("""
                IF TRUE THEN MERGE `proj.s.log` T USING (SELECT 'merged' AS step) S ON FALSE WHEN NOT MATCHED THEN INSERT ROW; END IF;
                CASE WHEN TRUE THEN MERGE `proj.s.log` T USING (SELECT 'by source' AS step) S ON T.step = S.step
                  WHEN NOT MATCHED BY TARGET THEN INSERT (step) VALUES (step); END CASE;
                WHILE (SELECT COUNT(*) FROM `proj.s.events`) > 2 DO DELETE `proj.s.events` WHERE id = 3; END WHILE;
                BEGIN ALTER TABLE `proj.s.events` ALTER COLUMN id SET DATA TYPE NUMERIC; END;
                INSERT INTO `proj.s.log` SELECT CONCAT('ids ', STRING_AGG(CAST(id AS STRING), ',' ORDER BY id)) FROM `proj.s.events`""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("merged", "by source", "ids 1,2");
        assertThat(rows(engine, "SELECT data_type FROM information_schema.columns WHERE table_name = 'events'")).containsExactly("DECIMAL(38,9)");
    }

    @Test
    void aCaseExpressionInABlockHeaderDoesNotEndTheHeader() {
        // the expression's THEN and ELSE are not the header's: the DELETE after the IF's own THEN still gets its FROM
        ActionResult r = run("""
                IF CASE WHEN TRUE THEN TRUE ELSE FALSE END THEN DELETE `proj.s.events` WHERE id = 3; END IF;
                INSERT INTO `proj.s.log` SELECT CONCAT('ids ', STRING_AGG(CAST(id AS STRING), ',' ORDER BY id)) FROM `proj.s.events`""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(log()).containsExactly("ids 1,2");
    }

    @Test
    void aMalformedOrUnsupportedBlockIsAPlanningErrorAtItsLine() {
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "SELECT 1;\nIF TRUE THEN\n  SELECT 2;\n")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("the IF block is not closed: END IF is missing")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(6)); // the IF's line
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "SELECT 1;\nEND WHILE;")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("END WHILE does not close")
                .satisfies(e -> assertThat(((PorygonException) e).location()).isEqualTo(new SourceLocation("definitions/op.sqlx", 6, 0)));
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "SELECT 1;\n\nCALL `proj.s.proc`();")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("CALL is not translated to DuckDB")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(7));
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "SELECT 1;\nFOR x IN (SELECT 1 AS a) DO\n  SELECT x.a;\n")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("the FOR block is not closed: END FOR is missing")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(6));
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "FOR x IN `proj.s.events` DO SELECT 1; END FOR")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("FOR must be FOR name IN (query) DO");
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "SELECT 1;\nCASE 1 WHEN 1 THEN\n  SELECT 2;\n")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("the CASE block is not closed: END CASE is missing")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(6));
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "CASE 1 ELSE SELECT 2; END CASE")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("CASE without WHEN");
        // a label said "END LOOP is not a block Porygon runs", at its END
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "SELECT 1;\nouter_loop: LOOP\n  BREAK outer_loop;\nEND LOOP outer_loop;")),
                RunOptions.all())).isInstanceOf(PorygonException.class).hasMessageContaining("the label outer_loop: is not run")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(6));
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "BREAK;")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("BREAK outside a loop");
        // a table's SQL is no script the runner interprets
        assertThatThrownBy(() -> planner().plan(graph(withOps(t("s", "tbl"), "SELECT 1 AS x", List.of("IF TRUE THEN SELECT 1; END IF"), List.of())),
                RunOptions.all())).isInstanceOf(PorygonException.class).hasMessageContaining("runs only in an operations action");
    }

    @Test
    void theScriptIsPlannedAsReadableText() {
        PlannedAction planned = planner().plan(graph(operation(op, "IF TRUE THEN\n  SELECT 1;\nEND IF")), RunOptions.all()).actions().get(0);
        assertThat(planned.statements()).containsExactly("IF (SELECT true) THEN\n  SELECT 1;\nEND IF;");
        assertThat(planned.programs()).containsOnlyKeys(0);
    }

    @Test
    void aHandlerReadsTheCaughtErrorsMessage() {
        ActionResult r = run("""
                BEGIN
                  SELECT * FROM `proj.s.missing`;
                EXCEPTION WHEN ERROR THEN
                  INSERT INTO `proj.s.log` VALUES (CONCAT('failed: ', @@error.message));
                  BEGIN
                    RAISE USING MESSAGE = 'it''s inner';
                  EXCEPTION WHEN ERROR THEN
                    INSERT INTO `proj.s.log` VALUES (@@error.message);
                  END;
                  INSERT INTO `proj.s.log` VALUES (IF(@@ERROR.MESSAGE LIKE '%missing%', 'outer again', 'lost'));
                END""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        List<String> log = log();
        assertThat(log).hasSize(3);
        assertThat(log.get(0)).startsWith("failed: ").contains("missing");
        assertThat(log.subList(1, 3)).containsExactly("it's inner", "outer again");
        // reset once the action ended
        assertThat(planner().plan(graph(operation(op, "BEGIN SELECT 1; EXCEPTION WHEN ERROR THEN SELECT @@error.message; END")), RunOptions.all())
                .actions().get(0).cleanup()).containsExactly("RESET VARIABLE \"porygon_error_message\"");

        assertThatThrownBy(() -> planner().plan(graph(operation(op, "SELECT 1;\nSELECT @@error.message")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("@@error.message is read outside an exception handler")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(6));
        assertThatThrownBy(() -> planner().plan(graph(operation(op, "SELECT @@project_id")), RunOptions.all()))
                .isInstanceOf(PorygonException.class).hasMessageContaining("system variable @@project_id is not translated");
    }

    @Test
    void theCaughtErrorsMessageQuotesNoTranslatedSql() {
        ActionResult r = run("""
                BEGIN
                  SELECT 1 / 0;
                EXCEPTION WHEN ERROR THEN
                  INSERT INTO `proj.s.log` VALUES (@@error.message);
                END;
                BEGIN
                  SELECT * FROM `proj.s.missing`;
                EXCEPTION WHEN ERROR THEN
                  INSERT INTO `proj.s.log` VALUES (@@error.message);
                END""");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(ActionStatus.SUCCEEDED);
        List<String> log = log();
        // BigQuery's message is the error alone: neither the runner's "in: <statement>" nor DuckDB's "LINE 1:" excerpt
        assertThat(log.get(0)).isEqualTo("Invalid Input Error: division by zero: 1 / 0");
        assertThat(log.get(1)).startsWith("Catalog Error: Table with name missing does not exist!")
                .doesNotContain("\n  in: ").doesNotContain("LINE 1:");
    }

    @Test
    void aCancelStopsAnOperationBetweenItsStatements() {
        PlannedAction p = planner().plan(graph(operation(op, """
                INSERT INTO `proj.s.log` VALUES ('first');
                INSERT INTO `proj.s.log` VALUES ('second')""")), RunOptions.all()).actions().get(0);
        // Ctrl-C comes while the first statement runs: sent as one script, DuckDB's driver would run both uninterrupted
        ActionResult r = new ActionExecutor(() -> !log().isEmpty()).execute(p, engine);
        assertThat(r.status()).isEqualTo(ActionStatus.CANCELLED);
        assertThat(log()).containsExactly("first");
    }

    @Test
    void anOperationOfPlainStatementsPlacesAnErrorAtItsStatementAndCountsTheRowsOfEach() {
        ActionResult ok = run("""
                INSERT INTO `proj.s.log` VALUES ('a');
                INSERT INTO `proj.s.log` SELECT 'b' UNION ALL SELECT 'c'""");
        assertThat(ok.status()).as(String.valueOf(ok.error())).isEqualTo(ActionStatus.SUCCEEDED);
        assertThat(ok.rowsWritten()).isEqualTo(3);
        ActionResult failed = run("""
                INSERT INTO `proj.s.log` VALUES ('d');

                SELECT ERROR('the third line fails')""");
        assertThat(failed.error()).startsWith("definitions/op.sqlx:7: ").contains("the third line fails");
        assertThat(log()).containsExactly("a", "b", "c", "d"); // as on BigQuery, what ran before the error stays
    }
}
