package io.porygon.core.sql;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoogleSqlLexerTest {

    static final SourceLocation AT = new SourceLocation("definitions/x.sqlx", 3, 1);

    @Test
    void splitsStatementsAndKeepsTheirStartLines() {
        List<GoogleSqlLexer.LexedStatement> s = GoogleSqlLexer.split(
                "-- header\nSELECT 1;\n\n/* two\nlines */ SELECT 2;\nSELECT 3", AT);
        assertThat(s).extracting(GoogleSqlLexer.LexedStatement::line).containsExactly(2, 5, 6);
        assertThat(s.get(1).text().strip()).isEqualTo("SELECT 2");
    }

    @Test
    void rewritesLexicalFormsJSqlParserDoesNotKnow() {
        String text = GoogleSqlLexer.split("SELECT `p.d-x.t`.a, \"s\", r'\\d', b'\\xff', 0xFF, x, FROM t", AT).get(0).text();
        assertThat(text).isEqualTo("SELECT \"p\".\"d-x\".\"t\".a, 's', '\\d', CAST('\\xFF' AS BYTES), 255, x  FROM t");
    }

    @Test
    void addsOptionalKeywordsAndCarriesWithOffsetAliases() {
        assertThat(GoogleSqlLexer.split("MERGE d.t T USING s ON TRUE WHEN MATCHED THEN DELETE", AT).get(0).text())
                .startsWith("MERGE INTO d.t");
        assertThat(GoogleSqlLexer.split("DELETE d.t WHERE TRUE", AT).get(0).text()).startsWith("DELETE FROM d.t");
        assertThat(GoogleSqlLexer.split("SELECT 1 FROM UNNEST(a) AS x WITH OFFSET AS o", AT).get(0).text())
                .endsWith("UNNEST(a) WITH OFFSET AS \"porygon_offset:x:o\"");
        assertThat(GoogleSqlLexer.split("SELECT EXTRACT(WEEK(MONDAY) FROM d), DATE(2020, 1, 2)", AT).get(0).text())
                .isEqualTo("SELECT EXTRACT(WEEK_MONDAY FROM d), PORYGON_BQ_DATE(2020, 1, 2)");
    }

    @Test
    void unterminatedLiteralsAreErrorsAtTheirLine() {
        assertThatThrownBy(() -> GoogleSqlLexer.split("SELECT 1,\n  'open", AT))
                .isInstanceOf(PorygonException.class)
                .hasMessageContaining("unterminated string")
                .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(4));
    }
}
