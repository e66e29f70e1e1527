package io.porygon.core.run;

import static io.porygon.core.run.Graphs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitTestRunnerTest {
    @TempDir Path dir;

    @Test
    void passesWhenRowsMatchInAnyOrderAndShowsADiffOtherwise() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            UnitTestRunner runner = new UnitTestRunner(engine, (test, sql) -> sql, target -> null);
            String tested = "SELECT id, upper(name) AS name FROM (SELECT 1 AS id, 'a' AS name UNION ALL SELECT 2, 'b') input";

            var pass = runner.run(test("upper_ok", t("s", "m"), tested,
                    "SELECT 'B' AS name, 2::BIGINT AS id UNION ALL SELECT 'A', 1"));
            assertThat(pass.passed()).as(pass.diff()).isTrue();

            var fail = runner.run(test("upper_wrong", t("s", "m"), tested, "SELECT 1 AS id, 'A' AS name UNION ALL SELECT 2, 'C'"));
            assertThat(fail.passed()).isFalse();
            assertThat(fail.diff()).contains("- (2, 'C')").contains("+ (2, 'B')").doesNotContain("(1, 'A')");

            // numbers inside arrays and structs compare by value too, as Dataform's JSON text of them
            String nested = "SELECT [CAST(3 AS DOUBLE)] AS xs, {'total': 4.0} AS s";
            var numbers = runner.run(test("nested", t("s", "m"), nested, "SELECT [3] AS xs, {'total': 4} AS s"));
            assertThat(numbers.passed()).as(numbers.diff()).isTrue();
            var otherField = runner.run(test("nested_names", t("s", "m"), nested, "SELECT [3] AS xs, {'sum': 4} AS s"));
            assertThat(otherField.diff()).contains("- ([3], {'sum': 4})").contains("+ ([3], {'total': 4})");

            var columns = runner.run(test("cols", t("s", "m"), tested, "SELECT 1 AS id"));
            assertThat(columns.passed()).isFalse();
            assertThat(columns.diff()).startsWith("columns differ");

            // no rows on either side: as in Dataform, whose runner then compares no columns
            var noRows = runner.run(test("no_rows", t("s", "m"), tested + " WHERE id > 2", "SELECT 1 AS id LIMIT 0"));
            assertThat(noRows.passed()).as(noRows.diff()).isTrue();
            var missingRows = runner.run(test("missing_rows", t("s", "m"), tested + " WHERE id > 2", "SELECT 1 AS id, 'A' AS name"));
            assertThat(missingRows.diff()).contains("- (1, 'A')").contains("1 expected, 0 returned");

            var broken = runner.run(test("broken", t("s", "m"), "SELECT * FROM nowhere", "SELECT 1 AS id"));
            assertThat(broken.passed()).isFalse();
            assertThat(broken.diff()).startsWith("definitions/tests/broken.sqlx: the model's query failed on the test's inputs: ")
                    .contains("nowhere").contains("hint: the input blocks stand in for the tables the model reads");

            var wrongExpectation = runner.run(test("wrong_expectation", t("s", "m"), tested, "SELECT idd FROM (SELECT 1 AS id)"));
            assertThat(wrongExpectation.diff()).startsWith("definitions/tests/wrong_expectation.sqlx:4: the test's expected rows failed: ")
                    .contains("idd");
        }
    }

    @Test
    void aRepeatedColumnNameFailsTheTest() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            UnitTestRunner runner = new UnitTestRunner(engine, (test, sql) -> sql, target -> null);
            // as sets of names, [a, b, B] and [a, A, b] hold the same columns; BigQuery refuses both results
            var model = runner.run(test("model", t("s", "m"), "SELECT 1 AS a, 2 AS b, 2 AS B", "SELECT 1 AS a, 1 AS A, 2 AS b"));
            assertThat(model.passed()).isFalse();
            assertThat(model.diff()).startsWith("the model's query repeats a column name, which BigQuery refuses: B (columns: a, b, B)");
            var expected = runner.run(test("expected", t("s", "m"), "SELECT 1 AS a, 2 AS b", "SELECT 1 AS a, 2 AS b, 2 AS A"));
            assertThat(expected.diff()).startsWith("the query of the expected rows repeats a column name, which BigQuery refuses: A");
            var noRows = runner.run(test("no_rows", t("s", "m"), "SELECT 1 AS a, 1 AS a LIMIT 0", "SELECT 1 AS a LIMIT 0"));
            assertThat(noRows.passed()).isFalse();
        }
    }

    @Test
    void aNullArrayIsAnEmptyOneAsBigQueryReturnsIt() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            UnitTestRunner runner = new UnitTestRunner(engine, (test, sql) -> sql, target -> null);
            String tested = "SELECT id, CASE WHEN id > 1 THEN [id] END AS xs FROM (SELECT 1 AS id UNION ALL SELECT 2)";
            var empty = runner.run(test("empty", t("s", "m"), tested, "SELECT 1 AS id, []::INTEGER[] AS xs UNION ALL SELECT 2, [2]"));
            assertThat(empty.passed()).as(empty.diff()).isTrue();
            var nullExpected = runner.run(test("null_expected", t("s", "m"), tested, "SELECT 1 AS id, NULL::INTEGER[] AS xs UNION ALL SELECT 2, [2]"));
            assertThat(nullExpected.passed()).as(nullExpected.diff()).isTrue();
            // a NULL of another type is still NULL, not an empty array
            var other = runner.run(test("other", t("s", "m"), tested + " WHERE id = 1", "SELECT 1 AS id, NULL AS xs"));
            assertThat(other.diff()).contains("- (1, NULL)").contains("+ (1, [])");
        }
    }

    @Test
    void bytesCompareByTheirContent() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            UnitTestRunner runner = new UnitTestRunner(engine, (test, sql) -> sql, target -> null);
            String tested = "SELECT 'abc'::BLOB AS b, ['\\xFF'::BLOB] AS bs";

            var same = runner.run(test("same", t("s", "m"), tested, "SELECT 'abc'::BLOB AS b, ['\\xFF'::BLOB] AS bs"));
            assertThat(same.passed()).as(same.diff()).isTrue();
            // same length, other bytes: the driver's BLOB shows only its length
            var other = runner.run(test("other", t("s", "m"), tested, "SELECT 'abd'::BLOB AS b, ['\\xFF'::BLOB] AS bs"));
            assertThat(other.passed()).isFalse();
            assertThat(other.diff()).contains("- (b'abd', [b'\\xff'])").contains("+ (b'abc', [b'\\xff'])");
        }
    }

    @Test
    void datetimesCompareAsWrittenWhateverTheJvmsZone() {
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        // New York's clocks skip 02:00-03:00 on 2024-03-10: a java.sql.Timestamp there reads 02:30 as 03:30
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/New_York"));
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            UnitTestRunner runner = new UnitTestRunner(engine, (test, sql) -> sql, target -> null);
            var skipped = runner.run(test("skipped", t("s", "m"), "SELECT TIMESTAMP '2024-03-10 02:30:00' AS at",
                    "SELECT TIMESTAMP '2024-03-10 03:30:00' AS at"));
            assertThat(skipped.passed()).isFalse();
            assertThat(skipped.diff()).contains("- (2024-03-10T03:30)").contains("+ (2024-03-10T02:30)");
            // and, in any zone, the Julian calendar of a Timestamp moved a date before 1582-10-15 by ten days
            var julian = runner.run(test("julian", t("s", "m"), "SELECT TIMESTAMP '1582-10-10 00:00:00' AS at",
                    "SELECT TIMESTAMP '1582-10-20 00:00:00' AS at"));
            assertThat(julian.passed()).isFalse();
            assertThat(julian.diff()).contains("+ (1582-10-10T00:00)");
            // an array of them is read by the driver as an array, its elements as the columns of one are not
            var arrays = runner.run(test("arrays", t("s", "m"), "SELECT [TIMESTAMP '2024-01-01 10:00:00'] AS ats, [TIMESTAMPTZ '2024-01-01 10:00:00+00'] AS tzs",
                    "SELECT [TIMESTAMP '2024-01-01 10:00:00'] AS ats, [TIMESTAMPTZ '2024-01-01 10:00:00+00'] AS tzs"));
            assertThat(arrays.passed()).as(arrays.diff()).isTrue();
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
    }

    @Test
    void stringsWithQuotesAndCommasDoNotRenderAsOtherRows() {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(dir.resolve("w.duckdb")))) {
            UnitTestRunner runner = new UnitTestRunner(engine, (test, sql) -> sql, target -> null);
            var columns = runner.run(test("columns", t("s", "m"), "SELECT 'a'', ''b' AS x, 'c' AS y", "SELECT 'a' AS x, 'b'', ''c' AS y"));
            assertThat(columns.passed()).isFalse();
            assertThat(columns.diff()).contains("+ ('a\\', \\'b', 'c')");
            var array = runner.run(test("array", t("s", "m"), "SELECT ['a'', ''b'] AS x", "SELECT ['a', 'b'] AS x"));
            assertThat(array.passed()).isFalse();
            var keys = runner.run(test("keys", t("s", "m"), "SELECT MAP {'a: 1, b': 2} AS x", "SELECT MAP {'a': 1, 'b': 2} AS x"));
            assertThat(keys.passed()).isFalse();
        }
    }
}
