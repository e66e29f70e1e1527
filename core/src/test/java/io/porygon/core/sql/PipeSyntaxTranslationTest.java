package io.porygon.core.sql;

import static io.porygon.core.sql.TranslationCorpus.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * BigQuery's pipe syntax runs on DuckDB as standard SQL. The table is the Produce table of the
 * GoogleSQL pipe syntax reference; the expected results were worked out by hand from its four rows.
 */
class PipeSyntaxTranslationTest {

    final DuckDbTranslator translator = new DuckDbTranslator();
    static final SourceLocation AT = new SourceLocation("definitions/produce.sqlx", 6, 1);

    @RegisterExtension
    static final TranslationWarehouse warehouse = new TranslationWarehouse(
                "CREATE TABLE Produce (item VARCHAR, sales BIGINT, category VARCHAR)",
                "INSERT INTO Produce VALUES ('apples', 2, 'fruit'), ('carrots', 8, 'vegetable'), ('apples', 7, 'fruit'), ('bananas', 5, 'fruit')",
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.Produce AS SELECT * FROM Produce");

    private List<List<Object>> run(String googleSql) throws SQLException {
        return TranslationCorpus.namesAndRows(warehouse.connection(), translator.translate(googleSql, AT));
    }

    @Test
    void aParenthesizedJoinWithUsingOnTheRightIsRefusedOnlyWhenAStarShowsItsColumns() throws SQLException {
        // BigQuery's star would show the inner USING columns after the left side's, which DuckDB's cannot: columns named are fine
        String joined = "FROM Produce AS p |> JOIN ((SELECT 'fruit' AS category, 'sweet' AS taste) AS c"
                + " JOIN (SELECT 'fruit' AS category, 1 AS n) AS d USING (category)) USING (category)";
        assertThat(run(joined + " |> WHERE sales > 5 |> SELECT item, taste, n")).containsExactly(row("item", "taste", "n"), row("apples", "sweet", 1L));
        assertThat(run(joined + " |> ORDER BY sales |> LIMIT 1 |> AS x |> AGGREGATE COUNT(*) AS c GROUP BY x.category"))
                .containsExactly(row("category", "c"), row("fruit", 1L));
        assertThat(run("FROM Produce AS p JOIN ((SELECT 'fruit' AS category, 'sweet' AS taste) AS c"
                + " JOIN (SELECT 'fruit' AS category, 1 AS n) AS d USING (category)) USING (category) |> WHERE sales = 2 |> SELECT category, item"))
                .containsExactly(row("category", "item"), row("fruit", "apples"));
        // a star printed, at the end or by an operator, is refused
        for (String tail : List.of("", " |> WHERE sales > 5", " |> SELECT *", " |> EXTEND 0 AS z", " |> DROP taste", " |> AS x |> SELECT *",
                " |> LIMIT 1 |> EXTEND 0 AS z |> WHERE z = 0", " |> UNION ALL (SELECT 'x', 1, 'y', 'z', 2)")) {
            assertThatThrownBy(() -> translator.translate(joined + tail, AT)).as(tail)
                    .isInstanceOfSatisfying(PorygonException.class, e -> assertThat(e.getMessage()).contains("SELECT * over a parenthesized join with USING"));
        }
    }

    @Test
    void filtersAggregatesAndOrdersAsTheReferenceExampleDoes() throws SQLException {
        String sql = """
                FROM Produce
                |> WHERE item != 'bananas' AND category IN ('fruit', 'nut')
                |> AGGREGATE COUNT(*) AS num_items, SUM(sales) AS total_sales GROUP BY item
                |> ORDER BY item DESC""";
        assertThat(run(sql)).containsExactly(row("item", "num_items", "total_sales"), row("apples", 2L, 9L));
    }

    @Test
    void aFieldReadAfterAnIndexNamesItsColumnAfterTheField() throws SQLException {
        String sql = """
                FROM Produce
                |> AGGREGATE ARRAY_AGG(STRUCT(item, sales) ORDER BY sales DESC) AS ranked GROUP BY category
                |> EXTEND ranked[OFFSET(0)].item
                |> SELECT category, item, ranked[SAFE_OFFSET(1)].sales
                |> WHERE sales IS NOT NULL
                |> ORDER BY category""";
        assertThat(run(sql)).containsExactly(row("category", "item", "sales"), row("fruit", "apples", 5L));
    }

    @Test
    void operatorsAfterTheFromClauseStillSeeItsTableAliases() throws SQLException {
        String sql = """
                FROM Produce AS p JOIN (SELECT 'fruit' AS category, 'sweet' AS taste) AS c USING (category)
                |> WHERE p.sales > 2
                |> AGGREGATE SUM(p.sales) AS s GROUP AND ORDER BY c.taste""";
        assertThat(run(sql)).containsExactly(row("taste", "s"), row("sweet", 12L));
    }

    @Test
    void aWhereOnAWindowFunctionFiltersAfterIt() throws SQLException {
        String latest = """
                FROM Produce
                |> EXTEND ROW_NUMBER() OVER (PARTITION BY item ORDER BY sales DESC) AS rn
                |> WHERE rn = 1
                |> DROP rn
                |> ORDER BY item""";
        assertThat(run(latest)).containsExactly(row("item", "sales", "category"),
                row("apples", 7L, "fruit"), row("bananas", 5L, "fruit"), row("carrots", 8L, "vegetable"));
        String inline = "FROM Produce |> WHERE ROW_NUMBER() OVER (ORDER BY sales DESC) = 1 |> SELECT item";
        assertThat(run(inline)).containsExactly(row("item"), row("carrots"));
        // a window function in a subquery, or the word in a string, is no window filter of this query
        assertThat(run("FROM Produce |> WHERE sales IN (SELECT MAX(sales) OVER () FROM Produce) AND item != 'game over' |> SELECT item"))
                .containsExactly(row("item"), row("carrots"));
    }

    @Test
    void setRenameAndAsShapeTheColumns() throws SQLException {
        String sql = """
                FROM Produce
                |> WHERE item = 'carrots'
                |> SET sales = sales * 10
                |> RENAME sales AS total
                |> AS p
                |> SELECT p.item, p.total""";
        assertThat(run(sql)).containsExactly(row("item", "total"), row("carrots", 80L));
        assertThat(run("FROM Produce |> WHERE sales = 5 |> EXTEND sales + 1 AS a |> EXTEND a * 2 AS b"))
                .containsExactly(row("item", "sales", "category", "a", "b"), row("bananas", 5L, "fruit", 6L, 12L));
        assertThat(run("FROM Produce |> WINDOW SUM(sales) OVER () AS total |> WHERE item = 'bananas'"))
                .containsExactly(row("item", "sales", "category", "total"), row("bananas", 5L, "fruit", 22L));
        assertThat(run("FROM Produce |> TABLESAMPLE SYSTEM (100 PERCENT) |> AGGREGATE COUNT(*) AS n"))
                .containsExactly(row("n"), row(4L));
    }

    @Test
    void aSecondOrderOrLimitAppliesToTheFirstOnesResult() throws SQLException {
        String sql = "FROM Produce |> ORDER BY sales |> LIMIT 3 |> ORDER BY sales DESC |> LIMIT 1 |> SELECT item, sales";
        assertThat(run(sql)).containsExactly(row("item", "sales"), row("apples", 7L));
        assertThat(run("FROM Produce |> AGGREGATE COUNT(*) AS n GROUP BY category DESC"))
                .containsExactly(row("category", "n"), row("vegetable", 1L), row("fruit", 3L));
    }

    @Test
    void setOperationsAndSubqueriesTakePipeSyntaxToo() throws SQLException {
        String sql = "FROM Produce |> WHERE sales > 7 |> SELECT item |> UNION ALL (SELECT 'x'), (FROM Produce |> WHERE sales = 2 |> SELECT item)";
        assertThat(run(sql).subList(1, 4)).containsExactlyInAnyOrder(row("carrots"), row("x"), row("apples"));
        String nested = "WITH big AS (FROM Produce |> WHERE sales > 4) SELECT COUNT(*) AS n FROM big";
        assertThat(run(nested)).containsExactly(row("n"), row(3L));
    }

    @Test
    void aWithClauseTableAliasesAndSuffixesAfterAnAliasAreKept() throws SQLException {
        assertThat(run("WITH big AS (SELECT * FROM Produce WHERE sales > 4) FROM big |> AGGREGATE COUNT(*) AS n"))
                .containsExactly(row("n"), row(3L));
        assertThat(run("FROM Produce AS p |> WHERE p.sales > 2 |> ORDER BY p.sales |> LIMIT 2 |> WHERE p.sales > 5 |> SELECT p.item"))
                .containsExactly(row("item"), row("apples"));
        assertThat(run("FROM Produce AS p |> WHERE p.sales > 6 |> JOIN (SELECT 'fruit' AS category) AS c USING (category) |> SELECT p.item"))
                .containsExactly(row("item"), row("apples"));
        assertThat(run("FROM Produce |> AGGREGATE COUNT(*) AS n DESC GROUP BY item").get(1)).isEqualTo(row("apples", 2L));
    }

    @Test
    void tablesAnywhereInThePipesAreMappedToTheWarehouse() throws SQLException {
        String sql = """
                FROM `my-project.shop.Produce`
                |> JOIN `my-project.shop.Produce` AS q USING (item)
                |> WHERE q.sales IN (SELECT sales FROM `my-project.shop.Produce`)
                |> AGGREGATE COUNT(*) AS n
                |> UNION ALL (FROM `my-project.shop.Produce` |> AGGREGATE COUNT(*))""";
        assertThat(run(sql)).containsExactlyInAnyOrder(row("n"), row(6L), row(4L));
    }

    @Test
    void pivotAndUnpivotOperatorsNameTheirColumnsAsBigQueryDoes() throws SQLException {
        assertThat(run("FROM Produce |> SELECT item, sales |> PIVOT(SUM(sales) FOR item IN ('apples', 'carrots')) AS p |> WHERE p.apples > 0"))
                .containsExactly(row("apples", "carrots"), row(9L, 8L));
        assertThat(run("FROM (SELECT 1 AS a, 2 AS b) |> UNPIVOT(v FOR col IN (a, b)) |> ORDER BY col"))
                .containsExactly(row("v", "col"), row(1L, "a"), row(2L, "b"));
    }

    @Test
    void anOperatorWithoutADuckDbFormIsALocatedError() {
        assertThatThrownBy(() -> translator.translate("FROM Produce\n|> CALL my_tvf()", AT))
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining("|> CALL")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(7));
        assertThatThrownBy(() -> translator.translate("FROM Produce\n|> AGGREGATE COUNT(*) GROUP BY ROLLUP(item)", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("ROLLUP")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(7));
    }
}
