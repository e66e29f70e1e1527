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
 * Query shapes DuckDB takes differently: stars over rows and structs ({@code SELECT AS STRUCT *}, a
 * struct's fields expanded and ordered by), aliases read in HAVING and QUALIFY.
 */
class QueryShapeTranslationTest {

    final DuckDbTranslator translator = new DuckDbTranslator();
    static final SourceLocation AT = new SourceLocation("definitions/latest.sqlx", 3, 1);

    @RegisterExtension
    static final TranslationWarehouse warehouse = new TranslationWarehouse(
                "CREATE TABLE src (a BIGINT, b VARCHAR, c BIGINT)",
                "INSERT INTO src VALUES (2, 'b', 5), (1, 'a', 6), (3, 'b', 1)");

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
    }

    @Test
    void selectAsValueIsRefusedByItsOwnName() {
        assertThatThrownBy(() -> translator.translate("SELECT AS VALUE 1", AT))
                .isInstanceOf(PorygonException.class).hasMessageContaining("SELECT AS VALUE").hasMessageNotContaining("AS_VALUE");
    }
}
