package io.porygon.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DuckDbEngine#valuesAreDistinct}: true only when it can tell, false leaves the question to the caller's query. */
class DistinctValuesTest {
    private final DuckDbEngine engine = new DuckDbEngine(new DuckDbSettings(null, null, null));

    @AfterEach
    void close() {
        engine.close();
    }

    private boolean distinct(String values) {
        return engine.valuesAreDistinct("SELECT v FROM (" + values + ") AS t(v)");
    }

    @Test
    void integersEachOnceAreDistinct() {
        assertThat(distinct("SELECT * FROM range(-5, 100000)")).isTrue();
        assertThat(distinct("SELECT CAST(x AS INTEGER) FROM range(1, 1000, 7) AS r(x)")).isTrue();
        assertThat(distinct("SELECT 42 WHERE false")).as("no values").isTrue();
    }

    @Test
    void aRepeatedValueOrANullIsNot() {
        assertThat(distinct("SELECT * FROM range(100000) UNION ALL SELECT 99999")).isFalse();
        assertThat(distinct("SELECT * FROM range(10) UNION ALL SELECT NULL")).isFalse();
    }

    @Test
    void valuesItCannotSetABitForAreLeftToTheCaller() {
        assertThat(distinct("VALUES (1), (1000000000000)")).as("a span of 10^12").isFalse();
        assertThat(distinct("VALUES (-9223372036854775808), (9223372036854775807)")).as("the whole INT64 range").isFalse();
        assertThat(distinct("VALUES ('a'), ('b')")).as("strings").isFalse();
        assertThat(distinct("VALUES (1.5), (2.5)")).as("decimals").isFalse();
        assertThat(engine.valuesAreDistinct("SELECT v FROM no_such_table")).isFalse();
    }
}
