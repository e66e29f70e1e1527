package io.porygon.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.engine.DuplicateColumnNames;
import io.porygon.core.graph.ActionDescriptor;
import io.porygon.core.graph.ActionType;
import io.porygon.core.graph.AssertionAction;
import io.porygon.core.graph.BigQueryOptions;
import io.porygon.core.graph.TableAction;
import io.porygon.core.graph.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineErrorLocationTest {
    static final Target USERS = new Target("p", "s", "users_dim");
    // As a SQLX file compiles it: the SQL keeps its lines; the file's SQL starts on line 20.
    static final String QUERY = """

            SELECT
              u.id AS user_id, -- not u.emial
              'u.emial' AS label,
              u.emial
            FROM `p.s.users` AS u""";
    static final String INCREMENTAL = "SELECT u.id\nFROM `p.s.users` AS u\nWHERE u.created_at > madeup_fn(1)";

    @Test
    void theQuotedColumnIsFoundInTheFileOutsideCommentsAndStrings() {
        String error = "Binder Error: Table \"u\" does not have a column named \"emial\"\n\nCandidate bindings: \"email\"";
        assertThat(EngineErrorLocation.of(planned(Step.BUILD_TABLE), error))
                .hasToString("definitions/users_dim.sqlx:23");
    }

    @Test
    void aDivisionByZeroIsFoundByTheExpressionItNames() {
        String sql = "SELECT\n  a,\n  10/(a - 1) AS r\nFROM t";
        assertThat(EngineErrorLocation.lineOfRaised(sql, "Invalid Input Error: division by zero: 10 / (a - 1)")).isEqualTo(3);
        assertThat(EngineErrorLocation.lineOfRaised(sql, "Invalid Input Error: division by zero: b / c")).isEqualTo(-1);
        String casts = "SELECT\n  a,\n  cast(code as int64) AS n\nFROM t";
        assertThat(EngineErrorLocation.lineOfRaised(casts, "Invalid Input Error: Bad int64 value: CAST(code AS INT64)")).isEqualTo(3);
    }

    @Test
    void anErrorCallIsFoundByItsMessage() {
        String sql = "SELECT\n  id,\n  IF(amount < 0, ERROR('negative amount'), amount) AS amount\nFROM t";
        assertThat(EngineErrorLocation.lineOfErrorCall(sql, "Invalid Input Error: negative amount\n  in: SELECT ...")).isEqualTo(3);
        // the same text outside an ERROR call is no match
        assertThat(EngineErrorLocation.lineOfErrorCall("SELECT 'negative amount' AS label", "Invalid Input Error: negative amount")).isEqualTo(-1);
        assertThat(EngineErrorLocation.of(planned(sql, Step.BUILD_TABLE), "Invalid Input Error: negative amount"))
                .hasToString("definitions/users_dim.sqlx:22");
    }

    @Test
    void anErrorCallWhoseTextQuotesANameIsFoundAtTheCallNotAtTheNamesFirstUse() {
        String sql = "SELECT\n  amount,\n  IF(amount < 0, ERROR('negative \"amount\"'), 0) AS flag\nFROM t";
        assertThat(EngineErrorLocation.of(planned(sql, Step.BUILD_TABLE), "Invalid Input Error: negative \"amount\""))
                .hasToString("definitions/users_dim.sqlx:22");
        // in an operation's statement too
        assertThat(EngineErrorLocation.lineIn(sql, 5, "Invalid Input Error: negative \"amount\"")).isEqualTo(7);
    }

    @Test
    void aRepeatedColumnIsFoundAtItsSecondNameNotTheFirst() {
        // the duplicate is the later name: the first one is fine until another takes it
        String error = new DuplicateColumnNames(List.of("a")).getMessage();
        assertThat(EngineErrorLocation.of(planned("\nSELECT 1 AS a,\n  2 AS a\n", Step.BUILD_TABLE), error))
                .hasToString("definitions/users_dim.sqlx:21");
    }

    @Test
    void anIncrementalRunLooksInTheIncrementalQuery() {
        String error = "Catalog Error: Scalar Function with name madeup_fn does not exist!\nDid you mean \"make_date\"?";
        assertThat(EngineErrorLocation.of(planned(Step.MERGE_INCREMENT), error)).hasToString("definitions/users_dim.sqlx:22");
    }

    @Test
    void whatCannotBeFoundPointsAtTheStartOfTheSql() {
        assertThat(EngineErrorLocation.of(planned(Step.BUILD_TABLE), "Conversion Error: Could not convert string 'x' to INT32"))
                .hasToString("definitions/users_dim.sqlx:20");
        assertThat(EngineErrorLocation.of(planned(Step.BUILD_TABLE), "Parser Error: syntax error at or near \"u\""))
                .hasToString("definitions/users_dim.sqlx:20");
    }

    @Test
    void aBuiltInAssertionPointsAtItsTablesFile() {
        AssertionAction check = new AssertionAction(new Target("p", "a", "users_dim_assertions_uniqueKey_0"),
                "SELECT emial, COUNT(1) FROM `p.s.users_dim` GROUP BY emial", USERS, List.of(USERS), List.of(),
                ActionDescriptor.EMPTY, false, "definitions/users_dim.sqlx", 0); // built-in: no SQL of its own in the file
        PlannedAction p = new PlannedAction("a", check, check.target(), Step.CHECK_ASSERTION, List.of(), "", List.of(), List.of(),
                List.of(), Set.of(), null, List.of());
        assertThat(EngineErrorLocation.of(p, "Binder Error: Referenced column \"emial\" not found in FROM clause!"))
                .hasToString("definitions/users_dim.sqlx");
    }

    @Test
    void anAmbiguousColumnIsFoundByItsNameNotByTheQualifiedNamesToUseInstead() {
        String sql = "SELECT\n  a.id,\n  name\nFROM t a\nJOIN t b ON a.id = b.id";
        String error = "Binder Error: Ambiguous reference to column name \"name\" (use: \"a.name\" or \"b.name\")";
        assertThat(EngineErrorLocation.of(planned(sql, Step.BUILD_TABLE), error)).hasToString("definitions/users_dim.sqlx:22");
    }

    @Test
    void aColumnATableLacksWhenAColumnHasTheTablesNameIsFoundByTheColumnNotTheTable() {
        String sql = "SELECT\n  s.id\nFROM t s\nWHERE s.nmae = 'a'";
        String error = "Binder Error: Cannot extract field 'nmae' from expression \"s\" because it is not a struct, union, map, or json";
        assertThat(EngineErrorLocation.of(planned(sql, Step.BUILD_TABLE), error)).hasToString("definitions/users_dim.sqlx:23");
    }

    @Test
    void aFunctionGivenArgumentsOfOtherTypesIsFoundByItsName() {
        String sql = "SELECT\n  id\nFROM t\nWHERE STARTS_WITH(id, 'a')";
        String error = "Binder Error: No function matches the given name and argument types 'starts_with(INTEGER, STRING_LITERAL)'."
                + " You might need to add explicit type casts.\n\tCandidate functions:\n\tstarts_with(VARCHAR, VARCHAR) -> BOOLEAN";
        assertThat(EngineErrorLocation.of(planned(sql, Step.BUILD_TABLE), error)).hasToString("definitions/users_dim.sqlx:23");
    }

    @Test
    void aStringThatCannotBeConvertedIsFoundAtItsLiteral() {
        String sql = "SELECT\n  id\nFROM t\nWHERE id = 'abc'";
        String error = "Conversion Error: Could not convert string 'abc' to INT32\nLINE 3: SELECT id FROM t WHERE id = 'abc'";
        assertThat(EngineErrorLocation.of(planned(sql, Step.BUILD_TABLE), error)).hasToString("definitions/users_dim.sqlx:23");
        // a string of a table's rows is in no line: the query's first
        assertThat(EngineErrorLocation.lineOfUnconverted(sql, "Conversion Error: Could not convert string 'x1' to INT32")).isEqualTo(-1);
    }

    @Test
    void tripleQuotedStringsAreSkippedWhole() {
        assertThat(EngineErrorLocation.lineOf("SELECT '''it's\nzzz''' AS s,\n  x,\n  zzz", "zzz")).isEqualTo(4);
    }

    @Test
    void theNameIsTheLastQuotedOneOnTheFirstLine() {
        assertThat(EngineErrorLocation.quotedName("Binder Error: Referenced column \"x\" not found\nCandidate bindings: \"y\"")).isEqualTo("x");
        assertThat(EngineErrorLocation.quotedName("Catalog Error: Table with name s.missing does not exist!")).isEqualTo("missing");
        assertThat(EngineErrorLocation.quotedName("Out of Memory Error")).isNull();
        // an increment's column of another type is named unquoted, in BigQuery's words: the line of the column is found
        String typeError = "Value of type FLOAT64 cannot be assigned to amount, which has type INT64 (the table's column type; ...)";
        assertThat(EngineErrorLocation.quotedName(typeError)).isEqualTo("amount");
        assertThat(EngineErrorLocation.lineIn("SELECT\n  id,\n  id * 1.5 AS amount\nFROM src", typeError)).isEqualTo(3);
    }

    private static PlannedAction planned(Step step) {
        return planned(QUERY, step);
    }

    private static PlannedAction planned(String query, Step step) {
        TableAction t = new TableAction(USERS, ActionType.INCREMENTAL, query, INCREMENTAL, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), ActionDescriptor.EMPTY, BigQueryOptions.NONE, List.of("user_id"), false, false, false,
                "definitions/users_dim.sqlx", 20, io.porygon.core.graph.OnSchemaChange.IGNORE);
        return new PlannedAction("p.s.users_dim", t, USERS, step, List.of(), "", List.of(), List.of(), List.of(), Set.of(), null, List.of());
    }
}
