package io.porygon.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UniqueKeyValuesTest {
    /** Dataform's uniqueKey query, as session.js writes it. */
    private static String uniqueKey(String keys) {
        return "\nSELECT\n  *\nFROM (\n  SELECT\n    " + keys + ",\n    COUNT(1) AS index_row_count\n  FROM `p.d.t`\n  GROUP BY " + keys
                + "\n  ) AS data\nWHERE index_row_count > 1\n";
    }

    @Test
    void aKeyOfOneColumnIsReadFromTheTableItChecks() {
        assertThat(UniqueKeyValues.of(uniqueKey("event_id"))).contains("SELECT event_id FROM `p.d.t`");
    }

    @Test
    void anyOtherQueryIsLeftAsItIs() {
        assertThat(UniqueKeyValues.of(uniqueKey("a, b"))).isEmpty();
        assertThat(UniqueKeyValues.of(uniqueKey("a").replace("GROUP BY a", "GROUP BY b"))).isEmpty();
        assertThat(UniqueKeyValues.of(uniqueKey("a").replace("> 1", "> 2"))).isEmpty();
        assertThat(UniqueKeyValues.of("SELECT a FROM t GROUP BY a HAVING COUNT(*) > 1")).isEmpty();
    }
}
