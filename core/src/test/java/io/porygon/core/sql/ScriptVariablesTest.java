package io.porygon.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BigQuery's DECLARE and SET, translated and run as one script on a real DuckDB file. */
class ScriptVariablesTest {
    static final SourceLocation AT = new SourceLocation("definitions/events_fct.sqlx", 12, 0);

    @TempDir
    Path dir;

    Connection db;
    final DuckDbTranslator translator = new DuckDbTranslator();
    ScriptScope scope = ScriptScope.EMPTY;

    @BeforeEach
    void open() throws SQLException {
        db = TranslationCorpus.openWarehouse(dir.resolve("w.duckdb"), "CREATE SCHEMA thelook",
                "CREATE TABLE thelook.events AS SELECT * FROM (VALUES "
                        + "(1, TIMESTAMPTZ '2024-01-01 10:00:00+00'), (2, TIMESTAMPTZ '2024-01-02 10:00:00+00')) v(id, created_at)");
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    /** Translates one piece of the script in the scope so far, runs it, and keeps the scope. */
    private String run(String googleSql) throws SQLException {
        ScriptTranslation t = translator.translate(googleSql, AT, scope);
        scope = t.scope();
        try (Statement st = db.createStatement()) {
            for (String s : t.sql().split(";\n")) st.execute(s);
        }
        return t.sql();
    }

    /** The first row of a query translated in the scope so far, each value with its DuckDB type. */
    private List<String> row(String googleSql) throws SQLException {
        String sql = translator.translate(googleSql, AT, scope).sql();
        List<String> values = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i) + " " + rs.getMetaData().getColumnTypeName(i));
            }
        }
        return values;
    }

    @Test
    void declareWithATypeAndNoDefaultIsNullOfThatType() throws SQLException {
        String sql = run("DECLARE x INT64");
        assertThat(sql).isEqualTo("SET VARIABLE \"x\" = CAST(NULL AS BIGINT)");
        assertThat(row("SELECT x")).containsExactly("null BIGINT");
    }

    @Test
    void declareWithATypeCoercesItsDefault() throws SQLException {
        run("DECLARE d DATE DEFAULT '2024-03-01'");
        assertThat(row("SELECT d, DATE_ADD(d, INTERVAL 1 DAY)")).containsExactly("2024-03-01 DATE", "2024-03-02 DATE");
    }

    @Test
    void declareWithoutATypeTakesTheDefaultsTypeAndIntegerLiteralsAreInt64() throws SQLException {
        run("DECLARE n DEFAULT 3000000000; DECLARE small DEFAULT 2; DECLARE s DEFAULT CONCAT('a', 'b')");
        assertThat(row("SELECT n, small, s, small * 2000000000")).containsExactly(
                "3000000000 BIGINT", "2 BIGINT", "ab VARCHAR", "4000000000 BIGINT");
    }

    @Test
    void severalNamesShareOneTypeAndOneEvaluationOfTheDefault() throws SQLException {
        String sql = run("DECLARE a, b, c FLOAT64 DEFAULT RAND()");
        assertThat(sql).contains("SET VARIABLE \"b\" = getvariable('a')");
        List<String> values = row("SELECT a, b, c");
        assertThat(values).allMatch(v -> v.endsWith(" DOUBLE"));
        assertThat(values).containsOnly(values.get(0));
    }

    @Test
    void aScalarSubqueryDefaultReadsTheWarehouse() throws SQLException {
        String sql = run("DECLARE checkpoint DEFAULT (SELECT MAX(created_at) FROM `proj.thelook.events`)");
        assertThat(sql).isEqualTo("SET VARIABLE \"checkpoint\" = (SELECT max(created_at) FROM thelook.events)");
        assertThat(row("SELECT COUNT(*) FROM `proj.thelook.events` WHERE created_at >= checkpoint")).containsExactly("1 BIGINT");
    }

    @Test
    void aDefaultSubqueryOfSeveralRowsFailsAsInBigQuery() {
        assertThatThrownBy(() -> run("DECLARE x DEFAULT (SELECT id FROM thelook.events)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("More than one row");
    }

    @Test
    void setAssignsAndKeepsTheDeclaredType() throws SQLException {
        run("DECLARE x INT64 DEFAULT 1");
        run("SET x = x + 41");
        assertThat(row("SELECT x")).containsExactly("42 BIGINT");
        run("SET x = 2.6");
        assertThat(row("SELECT x")).containsExactly("3 BIGINT");
    }

    @Test
    void setOfATupleComputesEveryValueBeforeAssigning() throws SQLException {
        run("DECLARE a, b STRING; SET (a, b) = ('left', 'right')");
        run("SET (a, b) = (b, a)");
        assertThat(row("SELECT a, b")).containsExactly("right VARCHAR", "left VARCHAR");
    }

    @Test
    void namesAreCaseInsensitiveAndMayBeQuotedOrKeywords() throws SQLException {
        run("DECLARE `Order` STRING DEFAULT 'x'; DECLARE Total DEFAULT 5");
        assertThat(row("SELECT `order`, TOTAL, `TOTAL` + 1")).containsExactly("x VARCHAR", "5 BIGINT", "6 BIGINT");
    }

    @Test
    void aVariableReadsLaterPiecesOfTheScriptNotEarlierOnes() throws SQLException {
        String before = translator.translate("SELECT cutoff FROM t", AT, scope).sql();
        run("DECLARE cutoff INT64 DEFAULT 1");
        String after = translator.translate("SELECT cutoff FROM t", AT, scope).sql();
        assertThat(before).isEqualTo("SELECT cutoff FROM t");
        assertThat(after).isEqualTo("SELECT getvariable('cutoff') AS \"cutoff\" FROM t");
    }

    @Test
    void aQualifiedNameIsAlwaysAColumnAndAnAliasIsNeverRewritten() throws SQLException {
        run("DECLARE id INT64 DEFAULT 1");
        String sql = translator.translate("SELECT e.id, id AS id FROM thelook.events AS e WHERE e.id > id", AT, scope).sql();
        assertThat(sql).isEqualTo("SELECT e.id, getvariable('id') AS id FROM thelook.events AS e WHERE e.id > getvariable('id')");
        assertThat(row("SELECT e.id FROM thelook.events AS e WHERE e.id > id")).containsExactly("2 INTEGER");
    }

    @Test
    void columnsThatAStatementAssignsOrJoinsOnStayColumns() throws SQLException {
        run("DECLARE id INT64 DEFAULT 7; DECLARE v DEFAULT 'new'");
        assertThat(translator.translate("UPDATE t SET v = v WHERE id = 1", AT, scope).sql())
                .isEqualTo("UPDATE t SET v = getvariable('v') WHERE getvariable('id') = 1");
        assertThat(translator.translate("INSERT INTO t (id, v) VALUES (id, v)", AT, scope).sql())
                .isEqualTo("INSERT INTO t (id, v) VALUES (getvariable('id'), getvariable('v'))");
        assertThat(translator.translate("MERGE t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = v "
                + "WHEN NOT MATCHED THEN INSERT (id, v) VALUES (id, v)", AT, scope).sql())
                // (after the check that no row of t matches two of s)
                .endsWith(";\nMERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = getvariable('v') "
                        + "WHEN NOT MATCHED THEN INSERT (id, v) VALUES (getvariable('id'), getvariable('v'))");
        assertThat(translator.translate("SELECT * FROM a JOIN b USING (id)", AT, scope).sql())
                .isEqualTo("SELECT id, * EXCLUDE (id) FROM a JOIN b USING (id)");
    }

    @Test
    void aTemporaryFunctionsParametersAreNotVariables() throws SQLException {
        run("DECLARE x INT64 DEFAULT 10");
        String sql = translator.translate("CREATE TEMP FUNCTION plus_one(x INT64) AS (x + 1); SELECT plus_one(x)", AT, scope).sql();
        assertThat(sql).isEqualTo("CREATE OR REPLACE TEMP MACRO plus_one(x) AS (x + 1);\nSELECT plus_one(getvariable('x'))");
    }

    @Test
    void arrayVariablesTakeSubscriptsAndFeedUnnest() throws SQLException {
        run("DECLARE ids ARRAY<INT64> DEFAULT [5, 6, 7]");
        assertThat(row("SELECT ids[OFFSET(1)], (SELECT SUM(i) FROM UNNEST(ids) AS i)")).containsExactly("6 BIGINT", "18 HUGEINT");
    }

    @Test
    void endOfScriptForgetsEveryDeclaredVariable() throws SQLException {
        run("DECLARE a INT64 DEFAULT 1; DECLARE b DEFAULT 'x'");
        assertThat(translator.endOfScript(scope)).containsExactly("RESET VARIABLE \"a\"", "RESET VARIABLE \"b\"");
        try (Statement st = db.createStatement()) {
            for (String s : translator.endOfScript(scope)) st.execute(s);
        }
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT getvariable('a') IS NULL, getvariable('b') IS NULL")) {
            rs.next();
            assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2))).containsExactly(true, true);
        }
    }

    @Test
    void endOfScriptAlsoForgetsTheVariablesOfBlocksThatEndedWhichAreNoLongerDeclared() {
        ScriptScope after = translator.translateOperation("BEGIN DECLARE a INT64 DEFAULT 1; END; FOR r IN (SELECT 1 AS v) DO SELECT r.v; END FOR",
                AT, ScriptScope.EMPTY).scope();

        assertThat(after.declares("a")).isFalse();
        assertThat(after.declares("r")).isFalse();
        assertThat(translator.endOfScript(after)).containsExactly("RESET VARIABLE \"a\"", "RESET VARIABLE \"r\"");
    }

    @Test
    void theScopeAfterATextIsReadFromItsDeclarationsAlone() {
        ScriptScope after = ScriptScope.EMPTY.after("DECLARE a, `B` INT64; SELECT 1; DECLARE c DEFAULT (SELECT 1)", AT);
        assertThat(after.names()).containsExactly("a", "b", "c");
        assertThat(after.type("b")).isEqualTo("INT64");
        assertThat(after.type("c")).isNull();
        assertThat(after).isEqualTo(translator.translate("DECLARE a, `B` INT64; SELECT 1; DECLARE c DEFAULT (SELECT 1)", AT,
                ScriptScope.EMPTY).scope());
    }

    @Test
    void aNameTheStatementDefinesAsAColumnAndReadsAsAVariableIsAnErrorNotAGuess() throws SQLException {
        run("DECLARE checkpoint TIMESTAMP; DECLARE run_date DATE DEFAULT '2024-01-05'");
        for (String ambiguous : List.of(
                "WITH m AS (SELECT MAX(created_at) AS checkpoint FROM t) SELECT * FROM m WHERE created_at > checkpoint",
                "SELECT e.checkpoint AS checkpoint FROM t AS e WHERE created_at > checkpoint")) {
            PorygonException e = error(ambiguous);
            assertThat(e.getMessage()).as(ambiguous).contains("checkpoint is both a script variable and a column this statement names");
            assertThat(e.hint()).contains("t.checkpoint");
        }
        // an UNNEST alias is known to be a column, which BigQuery reads before a variable
        assertThat(row("SELECT checkpoint FROM UNNEST([TIMESTAMP '2024-01-01']) AS checkpoint")).containsExactly("2024-01-01T00:00Z TIMESTAMP WITH TIME ZONE");
        // renaming a variable to itself, or naming a column the statement does not read as a variable, is no conflict
        assertThat(row("SELECT run_date AS run_date")).containsExactly("2024-01-05 DATE");
        assertThat(translator.translate("SELECT DATE(created_at) AS run_date FROM t", AT, scope).sql())
                .isEqualTo("SELECT CAST(make_timestamp(epoch_us(created_at)) AS DATE) AS run_date FROM t");
    }

    /** The output column names of a query translated in the scope so far. */
    private List<String> columnNames(String googleSql) throws SQLException {
        String sql = translator.translate(googleSql, AT, scope).sql();
        List<String> names = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) names.add(rs.getMetaData().getColumnName(i));
        }
        return names;
    }

    /** Every row of a query translated in the scope so far, values joined by |. */
    private List<String> rows(String googleSql) throws SQLException {
        String sql = translator.translate(googleSql, AT, scope).sql();
        List<String> rows = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) values.add(rs.getString(i));
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    @Test
    void anUnaliasedVariableNamesItsColumnAfterTheVariableAsInBigQuery() throws SQLException {
        run("DECLARE lo INT64 DEFAULT 2; DECLARE MyVar STRING DEFAULT 'm'; DECLARE `order` INT64 DEFAULT 4");
        assertThat(columnNames("SELECT id, lo, myVar, `order`, lo AS renamed FROM thelook.events"))
                .containsExactly("id", "lo", "myVar", "order", "renamed");
        assertThat(translator.translate("SELECT lo FROM t", AT, scope).sql()).isEqualTo("SELECT getvariable('lo') AS \"lo\" FROM t");
        // in a subquery the name is what the outer query reads; in CREATE TABLE AS it is the table's column
        assertThat(rows("SELECT lo * 10 FROM (SELECT lo)")).containsExactly("20");
        run("CREATE TABLE thelook.named AS SELECT lo, id FROM thelook.events");
        assertThat(columnNames("SELECT * FROM thelook.named")).containsExactly("lo", "id");
    }

    @Test
    void aLambdaParameterHidesAVariableOfItsName() throws SQLException {
        run("DECLARE e INT64 DEFAULT 100; DECLARE i INT64 DEFAULT 50");
        assertThat(row("SELECT ARRAY_FILTER([1, 2, 3], e -> e > 1), ARRAY_TRANSFORM([1, 2], e -> e * 2 + i), "
                + "ARRAY_FILTER([7, 8, 9], (e, i) -> i > 0), ARRAY_INCLUDES([1, 200], e -> e > 150)"))
                .containsExactly("[2, 3] INTEGER[]", "[52, 54] INTEGER[]", "[8, 9] INTEGER[]", "true BOOLEAN");
        // outside the lambda the name is the variable again
        assertThat(row("SELECT ARRAY_LENGTH(ARRAY_FILTER([1], e -> e > 0)) + e")).containsExactly("101 BIGINT");
    }

    @Test
    void unnestElementAndOffsetNamesAreColumnsOfTheStatement() throws SQLException {
        // BigQuery reads a column before a variable of the same name, and an UNNEST's names are columns
        run("DECLARE pos INT64 DEFAULT 99; DECLARE e INT64 DEFAULT 7");
        assertThat(rows("SELECT x, pos FROM UNNEST([10, 20]) AS x WITH OFFSET AS pos ORDER BY pos")).containsExactly("10|0", "20|1");
        assertThat(rows("SELECT e FROM UNNEST([10, 20]) AS e WITH OFFSET AS o ORDER BY o")).containsExactly("10", "20");
        // names that are no variable's read as columns too
        assertThat(rows("SELECT x, o FROM UNNEST([10, 20]) AS x WITH OFFSET AS o ORDER BY o")).containsExactly("10|0", "20|1");
    }

    @Test
    void aQualifiedNameWhoseQualifierIsAVariableAndNoTableReadsAField() throws SQLException {
        run("DECLARE s STRUCT<a INT64, nested STRUCT<v STRING>> DEFAULT STRUCT(1 AS a, STRUCT('deep' AS v) AS nested)");
        assertThat(translator.translate("SELECT s.a FROM t", AT, scope).sql()).isEqualTo("SELECT getvariable('s').a AS \"a\" FROM t");
        assertThat(row("SELECT s.a, s.nested.v, s.a + 1 AS b")).containsExactly("1 BIGINT", "deep VARCHAR", "2 BIGINT");
        assertThat(columnNames("SELECT s.a, s.nested.v")).containsExactly("a", "v");
        // a table, alias, subquery, UNNEST or CTE named s is what s.a reads, as in BigQuery
        assertThat(rows("SELECT s.id FROM thelook.events AS s ORDER BY s.id")).containsExactly("1", "2");
        assertThat(rows("SELECT s.a FROM (SELECT 5 AS a) AS s")).containsExactly("5");
        assertThat(rows("SELECT s.a FROM UNNEST([STRUCT(6 AS a)]) AS s")).containsExactly("6");
        assertThat(rows("WITH s AS (SELECT 9 AS a) SELECT s.a FROM s")).containsExactly("9");
        // the target and source tables of DML are names of the statement too
        for (String dml : List.of("UPDATE s SET v = 1 WHERE s.a = 2", "DELETE FROM s WHERE s.a = 2",
                "MERGE t USING s ON t.a = s.a WHEN MATCHED THEN UPDATE SET v = s.a", "UPDATE t SET v = 1 FROM s WHERE t.a = s.a")) {
            assertThat(translator.translate(dml, AT, scope).sql()).as(dml).doesNotContain("getvariable");
        }
        // the statement's names count wherever they are defined in it: then s.a is a column throughout
        assertThat(translator.translate("SELECT (SELECT s.a FROM (SELECT 3 AS a) AS s), s.a FROM t", AT, scope).sql())
                .doesNotContain("getvariable");
    }

    @Test
    void variablesInANamedWindowAreRead() throws SQLException {
        run("DECLARE k INT64 DEFAULT 1");
        assertThat(rows("SELECT id, COUNT(*) OVER w FROM thelook.events WINDOW w AS (PARTITION BY id > k ORDER BY id) ORDER BY id"))
                .containsExactly("1|1", "2|1");
        assertThat(rows("SELECT id, SUM(id) OVER w AS s FROM thelook.events "
                + "WINDOW w AS (PARTITION BY DATE_TRUNC(DATE(created_at), MONTH) ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) "
                + "ORDER BY id")).containsExactly("1|null", "2|1");
        // BigQuery writes QUALIFY before WINDOW, DuckDB needs it after
        assertThat(rows("SELECT id FROM thelook.events QUALIFY ROW_NUMBER() OVER w = k WINDOW w AS (ORDER BY id DESC)"))
                .containsExactly("2");
    }

    @Test
    void aViewCreatedInTheScriptMayNotReadItsVariablesOrTemporaryFunctions() throws SQLException {
        run("DECLARE cutoff INT64 DEFAULT 2");
        PorygonException e = error("SELECT 1;\nCREATE OR REPLACE VIEW thelook.v AS SELECT id FROM thelook.events WHERE id >= cutoff");
        assertThat(e.getMessage()).contains("view thelook.v reads a script variable declared before it (cutoff)")
                .contains("a view is evaluated when it is queried");
        assertThat(e.location().line()).isEqualTo(13);
        assertThat(e.hint()).contains("table");
        run("CREATE TEMP FUNCTION twice(x INT64) AS (x * 2)");
        assertThat(error("CREATE VIEW thelook.w AS SELECT twice(id) AS d FROM thelook.events").getMessage())
                .contains("view thelook.w calls a temporary function (twice)");
        // a view that reads neither is fine
        run("CREATE VIEW thelook.plain AS SELECT id FROM thelook.events WHERE id >= 2");
        assertThat(rows("SELECT id FROM thelook.plain")).containsExactly("2");
    }

    @Test
    void aTemporaryFunctionOfAnEarlierPieceIsCallableLaterAndForgottenAtTheEnd() throws SQLException {
        run("DECLARE base INT64 DEFAULT 10");
        run("CREATE TEMP FUNCTION plus(x INT64) AS (x + 1)");
        assertThat(scope.functions()).containsExactly("PLUS");
        assertThat(row("SELECT plus(base)")).containsExactly("11 BIGINT");
        assertThat(ScriptScope.EMPTY.after("DECLARE base INT64 DEFAULT 10; CREATE TEMP FUNCTION plus(x INT64) AS (x + 1)", AT))
                .isEqualTo(scope);
        assertThat(translator.endOfScript(scope)).containsExactly("RESET VARIABLE \"base\"", "DROP MACRO IF EXISTS temp.main.plus");
        try (Statement st = db.createStatement()) {
            for (String s : translator.endOfScript(scope)) st.execute(s);
        }
        assertThatThrownBy(() -> rows("SELECT plus(1)")).isInstanceOf(SQLException.class).hasMessageContaining("plus");
        // a script that did not define it cannot call it
        assertThatThrownBy(() -> translator.translate("SELECT plus(1)", AT, ScriptScope.EMPTY))
                .hasMessageContaining("function PLUS() is not in Porygon's");
    }

    // ---- errors: located, with a hint ----

    private PorygonException error(String googleSql) {
        try {
            translator.translate(googleSql, AT, scope);
        } catch (PorygonException e) {
            return e;
        }
        throw new AssertionError("no error for " + googleSql);
    }

    @Test
    void setOfAnUndeclaredVariableIsAnError() {
        PorygonException e = error("SELECT 1;\nSET x = 1");
        assertThat(e.getMessage()).contains("SET of variable x, which this action has not declared");
        assertThat(e.location().line()).isEqualTo(13);
    }

    @Test
    void declaringANameTwiceInOneActionIsAnError() throws SQLException {
        run("DECLARE x INT64");
        assertThat(error("DECLARE X STRING").getMessage()).contains("variable x is declared twice");
    }

    @Test
    void malformedDeclarationsAndAssignmentsAreErrors() {
        assertThat(error("DECLARE x").getMessage()).contains("neither a type nor a DEFAULT");
        assertThat(error("DECLARE x INT64 DEFAULT").getMessage()).contains("has no expression");
        assertThat(error("DECLARE x WIDGET").getMessage()).containsIgnoringCase("WIDGET");
        assertThat(error("DECLARE a, b INT64; SET (a, b) = (1, 2, 3)").getMessage()).contains("3 value(s) for 2 variable(s)");
        assertThat(error("DECLARE a, b INT64; SET (a, b) = (SELECT AS STRUCT 1, 2)").getMessage())
                .contains("SET (a, b) = (SELECT AS STRUCT ...) is not translated");
        assertThat(error("SET @@dataset_id = 'x'").getMessage()).contains("system variable");
    }

    @Test
    void controlFlowAndDynamicSqlStayLocatedErrors() {
        for (String script : List.of("SELECT 1;\n\nIF TRUE THEN SELECT 1; END IF", "SELECT 1;\n\nBEGIN SELECT 1; END",
                "SELECT 1;\n\nLOOP SELECT 1; END LOOP", "SELECT 1;\n\nWHILE TRUE DO SELECT 1; END WHILE", "SELECT 1;\n\nCALL p.d.proc()")) {
            PorygonException e = error(script);
            // an operation's script runs them (ProceduralScriptRunTest); CALL nowhere
            assertThat(e.getMessage()).as(script).contains("BigQuery scripting statement")
                    .contains(script.contains("CALL") ? "is not translated to DuckDB" : "runs only in an operations action");
            assertThat(e.location()).as(script).isEqualTo(new SourceLocation(AT.file(), 14, 0));
            assertThat(e.hint()).isNotBlank();
        }
        PorygonException dynamic = error("DECLARE q STRING DEFAULT 'SELECT 1';\nEXECUTE IMMEDIATE q");
        assertThat(dynamic.getMessage()).contains("EXECUTE IMMEDIATE");
        assertThat(dynamic.location().line()).isEqualTo(13);
    }
}
