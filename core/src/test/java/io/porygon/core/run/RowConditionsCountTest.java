package io.porygon.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowConditionsCountTest {
    /** Dataform's rowConditions query, as session.js writes it. */
    private static String branch(String literal, String condition) {
        return "\nSELECT\n  " + literal + " AS failing_row_condition,\n  *\nFROM `p.d.v`\nWHERE NOT (" + condition + ")\n";
    }

    @Test
    void dataformsRowConditionsQueryIsCountedInOneScan() {
        // the literal escapes the condition's quotes and backslashes: b != 'x\\y' is written 'b != \'x\\\\y\''
        String query = branch("'a >= 0'", "a >= 0") + "UNION ALL" + branch("'b != \\'x\\\\\\\\y\\''", "b != 'x\\\\y'");
        assertThat(RowConditionsCount.of(query)).contains("SELECT COUNTIF(NOT (a >= 0)) + COUNTIF(NOT (b != 'x\\\\y')) FROM `p.d.v`");
    }

    @Test
    void anyOtherQueryIsCountedAsItIs() {
        assertThat(RowConditionsCount.of("SELECT * FROM t WHERE x < 0")).isEmpty();
        // a hole in the conditions ([a, , b]) leaves two separators side by side
        assertThat(RowConditionsCount.of(branch("'a'", "a") + "UNION ALLUNION ALL" + branch("'b'", "b"))).isEmpty();
        // the literal and the condition disagree, or the branches read different tables
        assertThat(RowConditionsCount.of(branch("'a'", "b"))).isEmpty();
        assertThat(RowConditionsCount.of(branch("'a'", "a") + "UNION ALL" + branch("'b'", "b").replace("p.d.v", "p.d.w"))).isEmpty();
        assertThat(RowConditionsCount.of(branch("'a'", "a") + " ORDER BY 1")).isEmpty();
    }
}
