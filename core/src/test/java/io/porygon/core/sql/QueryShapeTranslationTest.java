package io.porygon.core.sql;

import static io.porygon.core.sql.TranslationCorpus.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Query shapes DuckDB takes differently: stars over rows and structs ({@code SELECT AS STRUCT *}, a
 * struct's fields expanded and ordered by) and over joins with USING, aliases read in HAVING and QUALIFY.
 */
class QueryShapeTranslationTest {

    final DuckDbTranslator translator = new DuckDbTranslator();
    static final SourceLocation AT = new SourceLocation("definitions/latest.sqlx", 3, 1);

    @RegisterExtension
    static final TranslationWarehouse warehouse = new TranslationWarehouse(
                "CREATE TABLE src (a BIGINT, b VARCHAR, c BIGINT)",
                "INSERT INTO src VALUES (2, 'b', 5), (1, 'a', 6), (3, 'b', 1)",
                "CREATE TABLE l (va VARCHAR, k BIGINT, m BIGINT)", "INSERT INTO l VALUES ('a1', 1, 10), ('a2', 2, 20)",
                "CREATE TABLE r (vb VARCHAR, k BIGINT)", "INSERT INTO r VALUES ('b1', 1), ('b3', 3)",
                "CREATE TABLE t3 (vc VARCHAR, m BIGINT)", "INSERT INTO t3 VALUES ('c1', 10), ('c3', 30)");

    private List<List<Object>> run(String googleSql) throws SQLException {
        return TranslationCorpus.namesAndRows(warehouse.connection(), translator.translate(googleSql, AT));
    }

    @Test
    void selectAsStructTakesAStarOverItsFromClauseOrTheOuterRow() throws SQLException {
        assertThat(run("SELECT r.a, TO_JSON_STRING((SELECT AS STRUCT r.* EXCEPT (c))) AS j FROM src AS r ORDER BY r.a"))
                .containsExactly(row("a", "j"), row(1L, "{\"a\":1,\"b\":\"a\"}"), row(2L, "{\"a\":2,\"b\":\"b\"}"), row(3L, "{\"a\":3,\"b\":\"b\"}"));
        assertThat(run("SELECT TO_JSON_STRING(ARRAY(SELECT AS STRUCT * FROM src WHERE c > 1 ORDER BY a)) AS j"))
                .containsExactly(row("j"), row("[{\"a\":1,\"b\":\"a\",\"c\":6},{\"a\":2,\"b\":\"b\",\"c\":5}]"));
    }

    @Test
    void aStructReadThroughAPathOrAnIndexGivesItsFieldsAsColumns() throws SQLException {
        String rows = "WITH t AS (SELECT STRUCT(STRUCT(1 AS x, 'p' AS y) AS inner_s) AS s, [STRUCT(7 AS q, 8 AS w)] AS items"
                + " UNION ALL SELECT NULL, [])";
        assertThat(run(rows + " SELECT t.s.inner_s.*, t.items[SAFE_OFFSET(0)].*, 5 AS z FROM t ORDER BY x"))
                .containsExactly(row("x", "y", "q", "w", "z"), Arrays.asList(null, null, null, null, BigDecimal.valueOf(5)),
                        row(1L, "p", 7L, 8L, 5L));
        // the fields of an UNNEST alias's struct field
        assertThat(run("SELECT p.v.* FROM UNNEST([STRUCT(STRUCT(1 AS a, 2 AS b) AS v)]) AS p")).containsExactly(row("a", "b"), row(1L, 2L));
        // OFFSET beyond the array is BigQuery's error
        assertThatThrownBy(() -> run(rows + " SELECT t.items[OFFSET(0)].* FROM t")).isInstanceOf(SQLException.class)
                .hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> translator.translate("SELECT 1 AS n,\n  t.s.* EXCEPT (x) FROM t", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("EXCEPT or REPLACE after a struct's .*")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(4));
    }

    @Test
    void theFieldsOfAStructStarCanBeOrderedBy() throws SQLException {
        String latest = """
                SELECT latest.* FROM (
                  SELECT ARRAY_AGG(t ORDER BY t.c DESC LIMIT 1)[OFFSET(0)] AS latest FROM src t GROUP BY t.b)
                ORDER BY a DESC LIMIT 1""";
        assertThat(run(latest)).containsExactly(row("a", "b", "c"), row(2L, "b", 5L));
    }

    @Test
    void havingAndQualifyReadAliasesOfExpressionsThatCanRaise() throws SQLException {
        assertThat(run("SELECT b, SUM(c) / COUNT(*) AS ratio FROM src GROUP BY b HAVING ratio > 3 ORDER BY b"))
                .containsExactly(row("b", "ratio"), row("a", 6.0));
        assertThat(run("SELECT a, c / a AS r FROM src QUALIFY ROW_NUMBER() OVER (ORDER BY r DESC) = 1"))
                .containsExactly(row("a", "r"), row(1L, 6.0));
        // the expression's own names stay columns, and a WHERE reads the column, not the alias
        assertThat(run("SELECT c / a AS c FROM src WHERE c >= 5 GROUP BY c, a HAVING c > 2 ORDER BY 1"))
                .containsExactly(row("c"), row(2.5), row(6.0));
        // inside an aggregate the name is the column's
        assertThat(run("SELECT b, SUM(c) / SUM(a) AS c FROM src GROUP BY b HAVING SUM(c) > 5 ORDER BY b"))
                .containsExactly(row("b", "c"), row("a", 6.0), row("b", 1.2));
        // outside one, a column that is not grouped can only be the alias (DuckDB: the expression has side effects)
        assertThat(run("SELECT b, ARRAY_AGG(c ORDER BY a DESC LIMIT 1)[OFFSET(0)] AS c FROM src GROUP BY b HAVING c != 1 AND SUM(c) > 0"
                + " ORDER BY b")).containsExactly(row("b", "c"), row("a", 6L));
    }

    @Test
    void structLiteralsInAnArrayTakeTheFirstElementsFieldNamesByPosition() throws SQLException {
        // BigQuery coerces struct types by position; DuckDB would merge the elements' fields by name
        assertThat(run("SELECT TO_JSON_STRING(arr1) AS arr1, arr1[OFFSET(1)].a AS second_a FROM "
                + "(SELECT [STRUCT(t.n AS a, 'x' AS b), STRUCT(t.m, 'y'), (30, 'z')] AS arr1 FROM (SELECT 10 AS n, 20 AS m) AS t)"))
                .containsExactly(row("arr1", "second_a"), row("[{\"a\":10,\"b\":\"x\"},{\"a\":20,\"b\":\"y\"},{\"a\":30,\"b\":\"z\"}]", 20L));
        // the same names in another order, nested structs and arrays of structs, a leading NULL, a column first
        assertThat(run("SELECT TO_JSON_STRING([NULL, STRUCT(1 AS a, STRUCT(2 AS c) AS s, [STRUCT(3 AS e)] AS l), "
                + "STRUCT(4 AS s, STRUCT(5 AS d) AS a, [STRUCT(6 AS f)] AS l)]) AS j, "
                + "TO_JSON_STRING([first, STRUCT(7 AS y, 8 AS x)]) AS k FROM (SELECT STRUCT(1 AS x, 2 AS y) AS first)"))
                .containsExactly(row("j", "k"), row("[null,{\"a\":1,\"s\":{\"c\":2},\"l\":[{\"e\":3}]},{\"a\":4,\"s\":{\"c\":5},\"l\":[{\"e\":6}]}]",
                        "[{\"x\":1,\"y\":2},{\"x\":7,\"y\":8}]"));
    }

    @Test
    void structLiteralsOfLaterSetOperationBranchesTakeTheFirstBranchsFieldNames() throws SQLException {
        assertThat(run("SELECT TO_JSON_STRING(s) AS j FROM (SELECT STRUCT(t.a AS x, 1 AS y) AS s FROM src AS t WHERE t.a = 1 "
                + "UNION ALL SELECT STRUCT(t.c, 2) FROM src AS t WHERE t.a = 2 UNION ALL (SELECT STRUCT(3 AS y, 4 AS x))) ORDER BY j"))
                .containsExactly(row("j"), row("{\"x\":1,\"y\":1}"), row("{\"x\":3,\"y\":4}"), row("{\"x\":5,\"y\":2}"));
        // SELECT AS STRUCT branches, arrays of structs, INTERSECT and EXCEPT
        assertThat(run("SELECT ARRAY(SELECT TO_JSON_STRING(s) FROM UNNEST(ARRAY(SELECT AS STRUCT 1 AS x, 'p' AS y "
                + "UNION ALL SELECT AS STRUCT 2 AS y, 'q' AS x)) AS s ORDER BY 1) AS j"))
                .containsExactly(row("j"), row(List.of("{\"x\":1,\"y\":\"p\"}", "{\"x\":2,\"y\":\"q\"}")));
        assertThat(run("SELECT TO_JSON_STRING(l) AS j FROM (SELECT [STRUCT(1 AS a, 2 AS b)] AS l INTERSECT DISTINCT SELECT [STRUCT(1 AS b, 2 AS a)] "
                + "EXCEPT DISTINCT SELECT [STRUCT(9 AS a, 9 AS b)])"))
                .containsExactly(row("j"), row("[{\"a\":1,\"b\":2}]"));
    }

    @Test
    void laterResultsOfConditionalsTakeTheFirstResultsFieldNames() throws SQLException {
        assertThat(run("SELECT TO_JSON_STRING(IF(a > 1, STRUCT(a AS x, 'p' AS y), STRUCT(c AS y, 'q' AS x))) AS i, "
                + "TO_JSON_STRING(CASE WHEN a = 1 THEN NULL WHEN a = 2 THEN STRUCT(a AS x, b AS y) ELSE STRUCT(c AS y, b AS x) END) AS k, "
                + "TO_JSON_STRING(COALESCE(IF(a = 1, NULL, STRUCT(a AS x, 0 AS y)), STRUCT(1 AS y, 2 AS x))) AS co, "
                + "TO_JSON_STRING(ARRAY_CONCAT([STRUCT(a AS x)], [STRUCT(c AS z)])) AS ac FROM src ORDER BY a"))
                .containsExactly(row("i", "k", "co", "ac"),
                        row("{\"x\":6,\"y\":\"q\"}", "null", "{\"x\":1,\"y\":2}", "[{\"x\":1},{\"x\":6}]"),
                        row("{\"x\":2,\"y\":\"p\"}", "{\"x\":2,\"y\":\"b\"}", "{\"x\":2,\"y\":0}", "[{\"x\":2},{\"x\":5}]"),
                        row("{\"x\":3,\"y\":\"p\"}", "{\"x\":1,\"y\":\"b\"}", "{\"x\":3,\"y\":0}", "[{\"x\":3},{\"x\":1}]"));
    }

    @Test
    void aStructLiteralCastToAStructTypeTakesItsFieldsByPosition() throws SQLException {
        // BigQuery casts field by field in order; DuckDB by name would swap a and b here
        assertThat(run("SELECT TO_JSON_STRING(CAST(STRUCT(1 AS b, 2 AS a) AS STRUCT<a INT64, b INT64>)) AS c, "
                + "TO_JSON_STRING(ARRAY<STRUCT<a INT64, b INT64>>[STRUCT(3 AS b, 4 AS a)]) AS l, "
                + "TO_JSON_STRING(STRUCT<s STRUCT<a INT64, b INT64>>(STRUCT(5 AS b, 6 AS a))) AS t"))
                .containsExactly(row("c", "l", "t"), row("{\"a\":1,\"b\":2}", "[{\"a\":3,\"b\":4}]", "{\"s\":{\"a\":5,\"b\":6}}"));
    }

    @Test
    void aFieldReadAfterAnIndexNamesItsColumnAfterTheField() throws SQLException {
        String inner = "SELECT arr[SAFE_OFFSET(0)].a, arr[OFFSET(0)].`b`, (ARRAY_AGG(s ORDER BY s.a)[OFFSET(1)]).a AS second "
                + "FROM (SELECT [STRUCT(1 AS a, 2 AS b)] AS arr, STRUCT(t.a, t.b) AS s FROM src AS t) GROUP BY arr";
        assertThat(run(inner)).containsExactly(row("a", "b", "second"), row(1L, 2L, 2L));
        // a later query reads the columns by those names, and SELECT AS STRUCT names its fields so
        assertThat(run("SELECT x.a + x.b AS total FROM (" + inner + ") AS x")).containsExactly(row("total"), row(3L));
        assertThat(run("SELECT ARRAY(SELECT AS STRUCT arr[OFFSET(0)].b)[OFFSET(0)].b AS b FROM (SELECT [STRUCT(1 AS a, 2 AS b)] AS arr)"))
                .containsExactly(row("b"), row(2L));
    }

    @Test
    void aStarOverAJoinWithUsingShowsTheUsingColumnsFirst() throws SQLException {
        // BigQuery: the USING columns, then the left side's other columns, then the right side's; DuckDB put k second
        assertThat(run("WITH a AS (SELECT 'a1' AS va, 1 AS k), b AS (SELECT 'b1' AS vb, 1 AS k) "
                + "SELECT * FROM a JOIN b USING (k) UNION ALL SELECT 2, 'a2', 'b2'"))
                .containsExactlyInAnyOrder(row("k", "va", "vb"), row(1L, "a1", "b1"), row(2L, "a2", "b2"));
        try (var st = warehouse.connection().createStatement()) {
            st.execute(translator.translate("CREATE TABLE joined AS SELECT * FROM l INNER JOIN r USING (k)", AT));
        }
        assertThat(run("SELECT * FROM joined")).containsExactly(row("k", "va", "m", "vb"), row(1L, "a1", 10L, "b1"));
        // several columns, in the USING clause's order; the star beside other items
        assertThat(run("WITH x AS (SELECT 'x' AS vx, 1 AS k, 2 AS j), y AS (SELECT 2 AS j, 'y' AS vy, 1 AS k) "
                + "SELECT 0 AS first, * FROM x JOIN y USING (j, k)"))
                .containsExactly(row("first", "j", "k", "vx", "vy"), row(0L, 2L, 1L, "x", "y"));
    }

    @Test
    void theUsingColumnOfAnOuterJoinIsTheValueOfEitherSide() throws SQLException {
        assertThat(run("SELECT * FROM l LEFT JOIN r USING (k) ORDER BY k"))
                .containsExactly(row("k", "va", "m", "vb"), row(1L, "a1", 10L, "b1"), row(2L, "a2", 20L, null));
        assertThat(run("SELECT * FROM l RIGHT JOIN r USING (k) ORDER BY k"))
                .containsExactly(row("k", "va", "m", "vb"), row(1L, "a1", 10L, "b1"), row(3L, null, null, "b3"));
        assertThat(run("SELECT * FROM l FULL JOIN r USING (k) ORDER BY k"))
                .containsExactly(row("k", "va", "m", "vb"), row(1L, "a1", 10L, "b1"), row(2L, "a2", 20L, null), row(3L, null, null, "b3"));
    }

    @Test
    void chainedJoinsWithUsingShowTheLastJoinsColumnsFirst() throws SQLException {
        // join by join: m, then the first join's columns (k, va, vb) without m, then t3's others
        assertThat(run("SELECT * FROM l JOIN r USING (k) JOIN t3 USING (m)"))
                .containsExactly(row("m", "k", "va", "vb", "vc"), row(10L, 1L, "a1", "b1", "c1"));
        assertThat(run("SELECT * FROM (l JOIN r USING (k)) JOIN t3 USING (m)"))
                .containsExactly(row("m", "k", "va", "vb", "vc"), row(10L, 1L, "a1", "b1", "c1"));
        assertThat(run("SELECT * FROM l JOIN r USING (k) CROSS JOIN t3 WHERE t3.m = 30"))
                .containsExactly(row("k", "va", "m", "vb", "vc", "m"), row(1L, "a1", 10L, "b1", "c3", 30L));
        // a parenthesized join with USING on the right would show its USING columns amid the others: refused
        assertThatThrownBy(() -> translator.translate("SELECT * FROM t3 JOIN (l JOIN r USING (k)) USING (m)", AT))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).contains("SELECT * over a parenthesized join with USING");
                    assertThat(e.hint()).contains("list the columns");
                });
        assertThat(run("SELECT vc, k FROM t3 JOIN (l JOIN r USING (k)) USING (m)")).containsExactly(row("vc", "k"), row("c1", 1L));
    }

    @Test
    void exceptAndReplaceOfAStarOverAJoinWithUsingKeepBigQuerysOrder() throws SQLException {
        assertThat(run("SELECT * EXCEPT (va) REPLACE (k * 10 AS k, vb || '!' AS vb) FROM l JOIN r USING (k)"))
                .containsExactly(row("k", "m", "vb"), row(10L, 10L, "b1!"));
        assertThat(run("SELECT * EXCEPT (k) FROM l FULL JOIN r USING (k) ORDER BY va"))
                .containsExactly(row("va", "m", "vb"), row(null, null, "b3"), row("a1", 10L, "b1"), row("a2", 20L, null));
        // a table's star and a list of columns are as written
        assertThat(run("SELECT r.*, l.* FROM l JOIN r USING (k)")).containsExactly(row("vb", "k", "va", "k", "m"), row("b1", 1L, "a1", 1L, 10L));
        assertThat(run("SELECT va, k, vb FROM l JOIN r USING (k)")).containsExactly(row("va", "k", "vb"), row("a1", 1L, "b1"));
        assertThat(run("SELECT TO_JSON_STRING((SELECT AS STRUCT * FROM l JOIN r USING (k))) AS j"))
                .containsExactly(row("j"), row("{\"k\":1,\"va\":\"a1\",\"m\":10,\"vb\":\"b1\"}"));
    }

    @Test
    void pipeSyntaxShowsTheUsingColumnsOfItsJoinsFirst() throws SQLException {
        assertThat(run("FROM l JOIN r USING (k)")).containsExactly(row("k", "va", "m", "vb"), row(1L, "a1", 10L, "b1"));
        assertThat(run("FROM l |> JOIN r USING (k) |> EXTEND k * 2 AS k2"))
                .containsExactly(row("k", "va", "m", "vb", "k2"), row(1L, "a1", 10L, "b1", 2L));
        assertThat(run("FROM l |> JOIN r USING (k) |> DROP va")).containsExactly(row("k", "m", "vb"), row(1L, 10L, "b1"));
        assertThat(run("FROM l |> JOIN r USING (k) |> SELECT *, 0 AS z")).containsExactly(row("k", "va", "m", "vb", "z"), row(1L, "a1", 10L, "b1", 0L));
    }

    @Test
    void aBigNumericLiteralIsRefusedAtItsLineAsTheTypeIs() {
        // JSqlParser reads no BIGNUMERIC literal: the parse error pointed at the field read before it
        assertThatThrownBy(() -> translator.translate("SELECT STRUCT(1 AS a).a AS x,\n  BIGNUMERIC '1.5' AS y", AT))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("type BIGNUMERIC (76 digits) has no faithful DuckDB type");
                    assertThat(e.location()).isEqualTo(new SourceLocation(AT.file(), 4, 3));
                    assertThat(e.hint()).contains("NUMERIC");
                });
        // BIGDECIMAL, any case and quotes; the word in a string is no literal
        assertThatThrownBy(() -> translator.translate("SELECT 'BIGNUMERIC ''x' AS s,\n\n bigdecimal \"2\" AS y", AT))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("type BIGDECIMAL (76 digits) has no faithful DuckDB type");
                    assertThat(e.location()).isEqualTo(new SourceLocation(AT.file(), 5, 2));
                });
        // the cast is refused at its own line too
        assertThatThrownBy(() -> translator.translate("SELECT 1 AS x,\n  CAST('1.5' AS BIGNUMERIC) AS y", AT))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("type BIGNUMERIC (76 digits) has no faithful DuckDB type");
                    assertThat(e.location().line()).isEqualTo(4);
                });
    }

    @Test
    void aBigNumericLiteralInASelectListIsRefusedNotReadAsAColumn() throws SQLException {
        // JSqlParser parses this, as the column BIGNUMERIC aliased '1.5': it returned a column named bignumeric
        assertThatThrownBy(() -> translator.translate("SELECT NUMERIC '1.5' AS n,\n  BIGNUMERIC '1.5'\nFROM (SELECT 2 AS bignumeric)", AT))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("type BIGNUMERIC (76 digits) has no faithful DuckDB type");
                    assertThat(e.location()).isEqualTo(new SourceLocation(AT.file(), 4, 3));
                    // a literal's hint: no precision to give it
                    assertThat(e.hint()).contains("NUMERIC '1.5'", "CAST('1.5' AS BIGNUMERIC(38, s))").doesNotContain("give it a precision");
                });
        assertThatThrownBy(() -> translator.translate("SELECT bigdecimal'2' FROM src", AT))
                .isInstanceOf(PorygonException.class).hasMessage("type BIGDECIMAL (76 digits) has no faithful DuckDB type");
        // the hint's forms translate; a column named bignumeric, a field, and the words in a comment or string are no literal
        assertThat(run("SELECT CAST('1.5' AS BIGNUMERIC(38, 1)) AS n, NUMERIC '1.5' AS m")).containsExactly(row("n", "m"),
                row(new java.math.BigDecimal("1.5"), new java.math.BigDecimal("1.500000000")));
        assertThat(run("SELECT t.bignumeric, bignumeric -- BIGNUMERIC '1'\n, 'BIGNUMERIC ''1' AS s FROM (SELECT 2 AS bignumeric) AS t"))
                .containsExactly(row("bignumeric", "bignumeric", "s"), row(2L, 2L, "BIGNUMERIC '1"));
    }

    @Test
    void aNaturalJoinIsRefusedAsBigQueryRefusesIt() {
        // DuckDB would run it, joining on every column of the same name
        assertThatThrownBy(() -> translator.translate("SELECT va, vb\nFROM l\n  NATURAL JOIN r", AT))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).contains("NATURAL JOIN");
                    assertThat(e.location()).isEqualTo(new SourceLocation(AT.file(), 5, 3));
                    assertThat(e.hint()).contains("JOIN ... USING (");
                });
        assertThatThrownBy(() -> translator.translate("SELECT * FROM l NATURAL LEFT JOIN r", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("NATURAL JOIN");
        assertThatThrownBy(() -> translator.translate("FROM l |> WHERE k > 0 |> NATURAL JOIN r", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("NATURAL JOIN");
    }

    @Test
    void selectAsValueIsRefusedByItsOwnName() {
        assertThatThrownBy(() -> translator.translate("SELECT AS VALUE 1", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("SELECT AS VALUE").hasMessageNotContaining("AS_VALUE");
    }

    @Test
    void aQueryOfTwoStatementsIsRefusedAtTheSecond() {
        // Dataform compiles it; BigQuery would build the table from the first and run the second as a script
        assertThatThrownBy(() -> translator.translateQuery("SELECT 1 AS x;\n -- then\n SELECT 2 AS y", AT, ScriptScope.EMPTY))
                .isInstanceOfSatisfying(PorygonException.class, e -> {
                    assertThat(e.getMessage()).contains("a second statement after the query");
                    assertThat(e.location().line()).isEqualTo(5);
                    assertThat(e.hint()).contains("post_operations");
                });
        assertThatThrownBy(() -> translator.translateViewQuery("SELECT 'a' AS x; SELECT 'b' AS y", AT, ScriptScope.EMPTY))
                .hasMessageContaining("a second statement after the view's query");
        assertThat(translator.translateQuery("SELECT ';' AS x -- ;\n", AT, ScriptScope.EMPTY).sql()).isEqualTo("SELECT ';' AS x");
    }
}
