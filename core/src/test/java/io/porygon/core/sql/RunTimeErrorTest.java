package io.porygon.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.SourceLocation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * BigQuery's run-time errors (division by zero, an array index out of bounds) raise on DuckDB too,
 * with operands evaluated once where repeating them would change the meaning or the cost. The
 * results themselves are in the corpus (errors.json); this checks the shape of the translation.
 */
class RunTimeErrorTest {

    final DuckDbTranslator translator = new DuckDbTranslator();
    static final SourceLocation AT = new SourceLocation("definitions/ratios.sqlx", 3, 1);

    @RegisterExtension
    static final TranslationWarehouse warehouse = new TranslationWarehouse();

    private String sql(String googleSql) {
        return translator.translate(googleSql, AT);
    }

    private List<Object> row(String googleSql) throws SQLException {
        try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery(sql(googleSql))) {
            assertThat(rs.next()).isTrue();
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.add(TranslationCorpus.canonical(rs.getObject(i)));
            return row;
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    @Test
    void theErrorNamesTheProblemAndTheExpression() {
        assertThatThrownBy(() -> row("SELECT amount / quantity FROM (SELECT 5 AS amount, 0 AS quantity)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("division by zero: amount / quantity");
        assertThatThrownBy(() -> row("SELECT parts[ORDINAL(3)] FROM (SELECT ['a', 'b'] AS parts)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("array index ORDINAL(3) is out of bounds (array length 2)");
    }

    @Test
    void theMessageHasNoDoubleQuotesThatTheRunnerWouldTakeForANameToLocate() {
        // the runner reads the last "quoted" word of an error as the name to look up in the file
        String translated = sql("SELECT x / LENGTH(\"abc\") FROM (SELECT 1 AS x)");
        String message = translated.substring(translated.indexOf("error('"), translated.indexOf("')", translated.indexOf("error('")));
        assertThat(message).contains("division by zero").doesNotContain("\"");
    }

    @Test
    void aNonZeroLiteralDivisorNeedsNoTest() {
        assertThat(sql("SELECT x / 100, MOD(x, 7) FROM t")).isEqualTo("SELECT x / 100, (x % 7) FROM t");
    }

    @Test
    void plainOperandsArePrintedInPlace() {
        assertThat(sql("SELECT a / b FROM t"))
                .isEqualTo("SELECT CASE WHEN b = 0 AND a IS NOT NULL THEN error('division by zero: a / b') ELSE a / b END FROM t");
    }

    @Test
    void parenthesizedArithmeticIsRepeatable() {
        // the lambda form costs about 8 times the plain CASE per row: only for operands that need it
        assertThat(sql("SELECT (a - b) / (c + d), MOD(a * 2, (b)), x[OFFSET((i + 1))] FROM t")).doesNotContain("list_transform");
        assertThat(sql("SELECT SUM(a) / COUNT(*), a / SUM(a) OVER (), UPPER(s) / LENGTH(s) FROM t")).doesNotContain("list_transform");
        assertThat(sql("SELECT DATE_DIFF(d, DATE '2020-01-01', DAY) / IF(s IN ('a', 'b'), n, 1) FROM t")).doesNotContain("list_transform");
        assertThat(sql("SELECT a / IF(s IN (SELECT s FROM u), n, 1) FROM t")).contains("list_transform");
    }

    @Test
    void aSubqueryOrAVolatileOperandIsEvaluatedOnce() throws SQLException {
        String subquery = sql("SELECT 10 / (SELECT COUNT(*) FROM UNNEST([1, 2, 3, 4]))");
        assertThat(occurrences(subquery, "count(*)")).isEqualTo(1); // the message quotes it as written, COUNT(*)
        assertThat(row("SELECT 10 / (SELECT COUNT(*) FROM UNNEST([1, 2, 3, 4]))")).containsExactly(new java.math.BigDecimal("2.5"));

        // evaluated twice, RAND() could pass the test as 1 and divide as 0 (Infinity), or the reverse
        String volatileDivisor = sql("SELECT 1 / IF(RAND() < 0.5, 0, 1)");
        assertThat(occurrences(volatileDivisor, "random()")).isEqualTo(1);
        String length = sql("SELECT LENGTH((SELECT 'España'))");
        assertThat(occurrences(length, "SELECT 'España'")).isEqualTo(1);
        assertThat(row("SELECT LENGTH((SELECT 'España'))")).containsExactly(new java.math.BigDecimal("6"));
        String offset = sql("SELECT GENERATE_ARRAY(1, 3)[OFFSET(IF(RAND() < 2, 1, 0))]");
        assertThat(occurrences(offset, "random()")).isEqualTo(1);
        assertThat(row("SELECT GENERATE_ARRAY(1, 3)[OFFSET(IF(RAND() < 2, 1, 0))]")).containsExactly(new java.math.BigDecimal("2"));
    }

    @Test
    void aTemplateThatTestsAnArgumentBindsAVolatileOneOnce() throws SQLException {
        // LEFT tests its length for a negative value before it takes the characters
        String left = sql("SELECT LEFT('abc', IF(RAND() < 2, 1, -1))");
        assertThat(occurrences(left, "random()")).isEqualTo(1);
        assertThat(row("SELECT LEFT('abc', IF(RAND() < 2, 1, -1))")).containsExactly("a");
        String repeat = sql("SELECT REPEAT((SELECT 'ab'), 2)");
        assertThat(occurrences(repeat, "SELECT 'ab'")).isEqualTo(1);
        assertThat(row("SELECT REPEAT((SELECT 'ab'), 2)")).containsExactly("abab");
        assertThat(sql("SELECT LEFT(s, n), SUBSTR(s, 2, 3), LPAD(s, 5, '-') FROM t")).doesNotContain("list_transform");
        // CAST(... AS INT64) tests the value's type and text before it casts
        assertThat(occurrences(sql("SELECT CAST((SELECT '7') AS INT64)"), "SELECT '7'")).isEqualTo(1);
        assertThat(row("SELECT CAST((SELECT '7') AS INT64)")).containsExactly(new java.math.BigDecimal("7"));
    }

    @Test
    void safePrefixedCallsKeepTheirArgumentsErrors() throws SQLException {
        // DuckDB's TRY() refuses error() inside it; BigQuery's SAFE. does not cover the arguments anyway
        assertThatThrownBy(() -> row("SELECT SAFE.SQRT(x / 0) FROM (SELECT 4 AS x)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("division by zero");
        assertThat(row("SELECT SAFE.SQRT(x / 1), SAFE_ADD(x / 2, 1) FROM (SELECT 4 AS x)"))
                .containsExactly(new java.math.BigDecimal("2.0"), new java.math.BigDecimal("3.0"));
        assertThat(row("SELECT SAFE.SQRT(x / y) FROM (SELECT 4 AS x, 1 AS y)")).containsExactly(new java.math.BigDecimal("2.0"));
        assertThat(sql("SELECT SAFE.SQRT(x) FROM t")).doesNotContain("list_transform");
    }

    @Test
    void underSafeAFunctionsOwnErrorsAreNull() throws SQLException {
        // DuckDB's TRY refuses error() inside it: the template's own error becomes NULL, as SAFE. makes it in BigQuery
        assertThat(sql("SELECT SAFE.LEFT(s, n) FROM t")).startsWith("SELECT TRY(").doesNotContain("error(");
        assertThat(row("SELECT SAFE.REPEAT('ab', -1), SAFE.REPEAT('ab', 2)")).containsExactly(null, "abab");
        // an argument's error is not the function's: it still raises
        assertThatThrownBy(() -> row("SELECT SAFE.LEFT('abc', DIV(x, 0)) FROM (SELECT 1 AS x)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("division by zero");
    }

    @Test
    void errorsInABranchNotTakenDoNotRaise() throws SQLException {
        assertThat(row("SELECT IF(y = 0, NULL, x / y), CASE WHEN ARRAY_LENGTH(a) > 2 THEN a[OFFSET(2)] END "
                + "FROM (SELECT 1 AS x, 0 AS y, [1] AS a)")).containsExactly(null, null);
        // WHERE tests the divisor before the division's rows are computed
        assertThat(row("SELECT COUNT(*) FROM UNNEST([0, 1, 2]) AS y WHERE y <> 0 AND 6 / y > 3")).containsExactly(new java.math.BigDecimal("1"));
    }
}
