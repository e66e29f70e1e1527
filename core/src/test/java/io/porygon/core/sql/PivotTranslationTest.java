package io.porygon.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.porygon.core.sql.TranslationCorpus.row;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PIVOT and UNPIVOT run on DuckDB with BigQuery's output columns, names and order included. The
 * data and expected results are ZetaSQL's compliance tests (compliance/testdata/pivot.test at
 * 06e004b) and the UNPIVOT examples of its query syntax reference.
 */
class PivotTranslationTest {

    final DuckDbTranslator translator = new DuckDbTranslator();
    static final SourceLocation AT = new SourceLocation("definitions/sales.sqlx", 4, 1);

    @RegisterExtension
    static final TranslationWarehouse warehouse = new TranslationWarehouse(
                "CREATE TABLE t1 (rowid BIGINT, x BIGINT, y BIGINT, z BIGINT)",
                """
                INSERT INTO t1 VALUES
                  (1, 1, 100, 1000), (2, 1, 100, 1000), (3, 1, 100, 1001), (4, 1, 100, 1002),
                  (5, 1, 100, 1003), (6, 1, 100, 1004), (7, 1, 101, 1000), (8, 1, 101, 1001),
                  (9, 1, 101, 1002), (10, 2, 100, 1000), (11, 2, 101, 1001), (12, 2, 102, 1002),
                  (13, 2, 102, NULL), (14, 2, 102, NULL), (15, 2, NULL, 1002), (16, 2, NULL, 1002)""",
                "CREATE TABLE Produce (product VARCHAR, Q1 BIGINT, Q2 BIGINT, Q3 BIGINT, Q4 BIGINT)",
                "INSERT INTO Produce VALUES ('Kale', 51, 23, 45, 3), ('Apple', 77, 0, 25, 2)");

    /** The column names, then the rows in the order given by {@code orderBy}. */
    private List<List<Object>> run(String googleSql, String orderBy) throws SQLException {
        return TranslationCorpus.namesAndRows(warehouse.connection(), "SELECT * FROM (" + translator.translate(googleSql, AT) + ") AS result ORDER BY " + orderBy);
    }

    @Test
    void pivotNamesNumberAndNullValuesAsBigQueryDoes() throws SQLException {
        assertThat(run("SELECT * FROM (SELECT x, y, z FROM t1) PIVOT(SUM(z - 1000) FOR y IN (100, 101, 103, NULL))", "x"))
                .containsExactly(row("x", "_100", "_101", "_103", "NULL"), row(1L, 10L, 3L, null, null), row(2L, 0L, 1L, null, 4L));
    }

    @Test
    void pivotGroupsByTheColumnsItDoesNotUse() throws SQLException {
        assertThat(run("SELECT * FROM (SELECT x, y, z FROM t1) PIVOT(COUNT(*) FOR y IN (100, 101, 103, NULL))", "x, z NULLS FIRST"))
                .containsExactly(row("x", "z", "_100", "_101", "_103", "NULL"),
                        row(1L, 1000L, 2L, 1L, 0L, 0L), row(1L, 1001L, 1L, 1L, 0L, 0L), row(1L, 1002L, 1L, 1L, 0L, 0L),
                        row(1L, 1003L, 1L, 0L, 0L, 0L), row(1L, 1004L, 1L, 0L, 0L, 0L), row(2L, null, 0L, 0L, 0L, 0L),
                        row(2L, 1000L, 1L, 0L, 0L, 0L), row(2L, 1001L, 0L, 1L, 0L, 0L), row(2L, 1002L, 0L, 0L, 0L, 2L));
    }

    @Test
    void severalAggregatesNameEachColumnAggregateFirst() throws SQLException {
        String sql = """
                SELECT * FROM (SELECT x, y, z FROM t1)
                  PIVOT(MIN(z - 1000) AS pivot_min, MAX(z - 1000) AS pivot_max
                    FOR y IN (100, 101, 103 AS yy103yy, NULL, NULL AS yyNULLyy)) AS p""";
        assertThat(run(sql, "x")).containsExactly(
                row("x", "pivot_min_100", "pivot_max_100", "pivot_min_101", "pivot_max_101", "pivot_min_yy103yy",
                        "pivot_max_yy103yy", "pivot_min_NULL", "pivot_max_NULL", "pivot_min_yyNULLyy", "pivot_max_yyNULLyy"),
                row(1L, 0L, 4L, 0L, 2L, null, null, null, null, null, null),
                row(2L, 0L, 0L, 1L, 1L, null, null, 2L, 2L, 2L, 2L));
    }

    @Test
    void oneAliasedAggregatePrefixesEveryValue() throws SQLException {
        assertThat(run("SELECT p.* FROM (SELECT x, y FROM t1) PIVOT(SUM(x) AS sum_x FOR y IN (100, 500, NULL AS `null`)) p", "1").get(0))
                .isEqualTo(row("sum_x_100", "sum_x_500", "sum_x_null"));
        assertThat(run("SELECT * FROM (SELECT product, Q1, Q2 FROM Produce) AS p PIVOT(SUM(p.Q1) AS s FOR p.Q2 IN (0, -1, 2.5))", "1"))
                .containsExactly(row("product", "s_0", "s_minus_1", "s_2_point_5"), row("Apple", 77L, null, null), row("Kale", null, null, null));
        assertThat(run("SELECT * FROM (SELECT product, Q1, Q1 > 60 AS big FROM Produce) PIVOT(SUM(Q1) AS s FOR big IN (TRUE, DATE '2020-01-02' = CURRENT_DATE() AS never))", "1").get(0))
                .isEqualTo(row("product", "s_true", "s_never"));
    }

    @Test
    void valuesMatchAsBigQueryComparesThemNotByTheirText() throws SQLException {
        // DuckDB's own PIVOT matches by text: NUMERIC 2 would not match the value 2, nor FLOAT64 2.0
        assertThat(run("SELECT * FROM (SELECT NUMERIC '2' AS d, 5 AS y UNION ALL SELECT NUMERIC '1.5', 7) PIVOT(MAX(y) FOR d IN (2, 1.5, 1 + 2 AS three))", "1"))
                .containsExactly(row("_2", "_1_point_5", "three"), row(5L, 7L, null));
        assertThat(run("SELECT * FROM (SELECT CAST(2 AS FLOAT64) AS d, 5 AS y) PIVOT(MAX(y) FOR d IN (2))", "1"))
                .containsExactly(row("_2"), row(5L));
    }

    @Test
    void aValueWithoutADerivableNameNeedsAnAlias() throws SQLException {
        assertThat(run("SELECT * FROM (SELECT DATE '2024-01-02' AS d, 5 AS y) PIVOT(MAX(y) FOR d IN (DATE '2024-01-02'))", "1"))
                .containsExactly(row("_2024_01_02"), row(5L));
        assertThatThrownBy(() -> translator.translate("SELECT * FROM t PIVOT(SUM(x) FOR d IN (UPPER('a')))", AT))
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining("PIVOT value without an alias")
                .satisfies(e -> assertThat(((PorygonException) e).hint()).contains("AS name"));
        assertThatThrownBy(() -> translator.translate("SELECT * FROM t PIVOT(SUM(x), COUNT(*) AS n FOR d IN (1))", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("one without an alias");
    }

    @Test
    void unpivotPutsTheValuesBeforeTheName() throws SQLException {
        assertThat(run("SELECT * FROM Produce UNPIVOT(sales FOR quarter IN (Q1, Q2, Q3, Q4))", "product DESC, quarter"))
                .containsExactly(row("product", "sales", "quarter"),
                        row("Kale", 51L, "Q1"), row("Kale", 23L, "Q2"), row("Kale", 45L, "Q3"), row("Kale", 3L, "Q4"),
                        row("Apple", 77L, "Q1"), row("Apple", 0L, "Q2"), row("Apple", 25L, "Q3"), row("Apple", 2L, "Q4"));
        String semesters = """
                SELECT * FROM Produce
                UNPIVOT((first_half_sales, second_half_sales) FOR semesters
                  IN ((Q1, Q2) AS 'semester_1', (Q3, Q4) AS 'semester_2'))""";
        assertThat(run(semesters, "product DESC, semesters")).containsExactly(
                row("product", "first_half_sales", "second_half_sales", "semesters"),
                row("Kale", 51L, 23L, "semester_1"), row("Kale", 45L, 3L, "semester_2"),
                row("Apple", 77L, 0L, "semester_1"), row("Apple", 25L, 2L, "semester_2"));
    }

    @Test
    void unpivotDropsOnlyRowsWhoseValuesAreAllNull() throws SQLException {
        String input = "(SELECT 'k' AS product, 1 AS a, CAST(NULL AS INT64) AS b, CAST(NULL AS INT64) AS c, CAST(NULL AS INT64) AS d)";
        assertThat(run("SELECT * FROM " + input + " UNPIVOT((v1, v2) FOR pair IN ((a, b), (c, d)))", "pair"))
                .containsExactly(row("product", "v1", "v2", "pair"), row("k", 1L, null, "a_b"));
        assertThat(run("SELECT * FROM " + input + " UNPIVOT INCLUDE NULLS ((v1, v2) FOR pair IN ((a, b), (c, d))) AS u", "pair"))
                .containsExactly(row("product", "v1", "v2", "pair"), row("k", 1L, null, "a_b"), row("k", null, null, "c_d"));
        assertThat(run("SELECT u.product, u.v FROM " + input + " UNPIVOT(v FOR col IN (a, b)) AS u", "1"))
                .containsExactly(row("product", "v"), row("k", 1L));
    }
}
