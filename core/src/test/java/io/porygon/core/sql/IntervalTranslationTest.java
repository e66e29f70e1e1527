package io.porygon.core.sql;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Edges of the INTERVAL translations the corpus (interval.json) does not reach: text BigQuery refuses, values
 * outside its range, and STRING casts the translator cannot read.
 */
class IntervalTranslationTest {

    final DuckDbTranslator translator = new DuckDbTranslator();
    static final SourceLocation AT = new SourceLocation("definitions/sessions.sqlx", 7, 1);

    @RegisterExtension
    static final TranslationWarehouse warehouse = new TranslationWarehouse();

    private List<List<Object>> query(String googleSql) throws SQLException {
        return warehouse.query(translator, googleSql, AT);
    }

    @Test
    void aMalformedIntervalLiteralIsAnErrorAtItsLine() {
        // the statement's second line is the file's eighth
        for (String literal : List.of("INTERVAL '1-2 3' YEAR TO SECOND", "INTERVAL '1:2:3' DAY TO SECOND", "INTERVAL '1 2' HOUR TO DAY",
                "INTERVAL '1.5' DAY", "INTERVAL '1-2 3 4:5:6.1234567' YEAR TO SECOND", "INTERVAL '10001-0' YEAR TO MONTH",
                "INTERVAL '- 1-2' YEAR TO MONTH", "INTERVAL '1 --2:0' DAY TO MINUTE")) {
            assertThatThrownBy(() -> translator.translate("SELECT 1 AS a,\n  " + literal + " AS i", AT)).as(literal)
                    .isInstanceOf(PorygonException.class).hasMessageContaining("INTERVAL")
                    .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
        }
    }

    @Test
    void aCastOfTextBigQueryRefusesIsAnErrorAndSafeCastIsNull() throws SQLException {
        for (String text : List.of("3 days", "1-2 3 4 5", "P", "P1.5D", "PT1S2", "P1H", "1-2 3 4:5:6:7", "")) {
            assertThatThrownBy(() -> translator.translate("SELECT 1 AS a,\n  CAST('" + text + "' AS INTERVAL) AS i", AT)).as(text)
                    .isInstanceOf(PorygonException.class).hasMessageContaining("Invalid INTERVAL value")
                    .satisfies(e -> assertThat(((PorygonException) e).location().line()).isEqualTo(8));
            assertThat(query("SELECT SAFE_CAST('" + text + "' AS INTERVAL) AS i")).as(text).containsExactly(Arrays.asList((Object) null));
        }
    }

    @Test
    void aStringColumnIsReadWhenTheQueryRunsAsALiteralIsWhenTheStatementIsTranslated() throws SQLException {
        // DuckDB would read '2 days' as an interval and refuse '1-2 3'; BigQuery the other way round
        List<String> texts = List.of("1-2 3 10:20:30.456", "-1-2", "1-2 -3", "1-2 3 -4", "-0-13 -1 -1:61", "+1 2 3", "1 2 3:4", "1 -2 3:4:5.25",
                "5 6:7", "-5 6:7:8.000001", "-10:20:30", "P1Y2M3D", "PT10H20M30,456S", "P1W-2DT-1H30M0.5S", "PT", "P-1Y-1M", "PT1M2H-3S",
                "P1MT1M", "2 days", "1-2 3 4 5", "P", "P1.5D", "PT1S2", "P1H", "PT1D", "1:2", "1 2", "1-2 3 4:5:6.1234567", "10001-0",
                "0-0 0 87840001:0:0", " 1-2", "1-2 ", "P1YT", "P1Y1YT1H",
                // fields past 64 bits, or whose microseconds are: out of range, never DuckDB's overflow (SAFE_CAST: NULL)
                "0-0 0 9999999999:0:0", "99999999999999999999-0", "0-0 0 0:0:99999999999999999999", "P99999999999999999999Y",
                "PT99999999999999999999S", "0-0 0 000000000000000000000001:0:0");
        for (String text : texts) {
            List<List<Object>> literal;
            try {
                literal = query("SELECT CAST('" + text + "' AS INTERVAL) AS i");
            } catch (PorygonException refused) {
                literal = null;
            }
            List<List<Object>> column;
            try {
                column = query("SELECT CAST(s AS INTERVAL) AS i FROM UNNEST(['" + text + "']) AS s");
            } catch (SQLException refused) {
                assertThat(refused.getMessage()).containsAnyOf("Invalid INTERVAL value", "out of range");
                column = null;
            }
            assertThat(column).as("'%s' read when the query runs, and as a literal", text).isEqualTo(literal);
            assertThat(query("SELECT SAFE_CAST(s AS INTERVAL) AS i FROM UNNEST(['" + text + "']) AS s").get(0).get(0)).as(text)
                    .isEqualTo(literal == null ? null : literal.get(0).get(0));
        }
        // an INTERVAL value casts as it is
        assertThat(query("SELECT CAST(i AS INTERVAL) AS i FROM UNNEST([INTERVAL '1 2' DAY TO HOUR]) AS i"))
                .containsExactly(List.of("0-0 1 2:0:0"));
    }

    @Test
    void makeIntervalRefusesWhatBigQueryRefuses() throws SQLException {
        assertThatThrownBy(() -> translator.translate("SELECT MAKE_INTERVAL(weeks => 1)", AT)).hasMessageContaining("weeks");
        assertThatThrownBy(() -> translator.translate("SELECT MAKE_INTERVAL(1, year => 2)", AT)).hasMessageContaining("year given twice");
        assertThatThrownBy(() -> translator.translate("SELECT MAKE_INTERVAL(1, 2, 3, 4, 5, 6, 7)", AT)).hasMessageContaining("7 arguments");
        assertThatThrownBy(() -> translator.translate("SELECT MAKE_INTERVAL(second => 1.5)", AT)).hasMessageContaining("FLOAT64");
        // a FLOAT64 column: DuckDB's to_... functions take integers only, as BigQuery's MAKE_INTERVAL
        assertThatThrownBy(() -> query("SELECT MAKE_INTERVAL(hour => x) AS i FROM UNNEST([1.5]) AS x")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> query("SELECT MAKE_INTERVAL(day => 3660001) AS i")).isInstanceOf(SQLException.class)
                .hasMessageContaining("out of range");
        // seconds beyond a 32-bit product, and an INT64 column of minutes, as BigQuery's INT64 parts
        assertThat(query("SELECT MAKE_INTERVAL(second => 3000, minute => m) AS i FROM UNNEST([CAST(-90 AS INT64)]) AS m"))
                .containsExactly(List.of("0-0 0 -0:40:0"));
    }

    @Test
    void justifyKeepsBigQuerysRangeAndItsNulls() throws SQLException {
        // 3660000 days is in range; as 122000 months it is not
        assertThatThrownBy(() -> query("SELECT JUSTIFY_DAYS(INTERVAL 3660000 DAY) AS i")).isInstanceOf(SQLException.class)
                .hasMessageContaining("out of range");
        assertThat(query("SELECT JUSTIFY_INTERVAL(i) AS i FROM UNNEST([CAST(NULL AS INTERVAL)]) AS i")).containsExactly(Arrays.asList((Object) null));
        // a nested call and a subquery argument are each evaluated once
        assertThat(query("SELECT JUSTIFY_DAYS(JUSTIFY_HOURS((SELECT INTERVAL '0-0 59 48:0:0' YEAR TO SECOND))) AS i"))
                .containsExactly(List.of("0-2 1 0:0:0"));
    }
}
