package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.core.engine.Column;
import io.porygon.duckdb.DuckDbEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One scale-0.01 warehouse, checked against every consistency rule and the public schema. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TheLookGeneratorTest {
    DuckDbEngine engine;
    GenerationSummary summary;

    @BeforeAll
    void generate(@TempDir Path dir) {
        engine = Warehouses.open(dir.resolve("w.duckdb"));
        summary = Warehouses.generate(engine, 7, 0.01, 2);
    }

    @AfterAll
    void close() {
        engine.close();
    }

    Stream<Arguments> rules() {
        return ConsistencyRules.all(Warehouses.SCHEMA).entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void consistencyRuleHolds(String rule, String violationsSql) {
        assertThat(Warehouses.count(engine, violationsSql)).as(rule).isZero();
    }

    @Test
    void tablesHaveExactlyThePublicColumnsAndTypes() {
        for (RawTable table : RawTables.ALL) {
            assertThat(engine.columns(table.target(Warehouses.SCHEMA))).as(table.name()).isEqualTo(table.engineColumns());
        }
        assertThat(engine.columns(RawTables.EVENTS.target(Warehouses.SCHEMA))).extracting(Column::name).containsExactly(
                "id", "user_id", "sequence_number", "session_id", "created_at", "ip_address", "city", "state",
                "postal_code", "browser", "traffic_source", "uri", "event_type");
    }

    @Test
    void rowCountsFollowTheScaleAndTheSummaryTellsThem() {
        Map<String, Long> rows = summary.rowsWritten();
        assertThat(rows.keySet()).containsExactly("distribution_centers", "products", "users", "orders", "order_items",
                "inventory_items", "events");
        for (var e : rows.entrySet()) {
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM thelook_ecommerce." + e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(rows.get("users")).isEqualTo(1_000);
        assertThat(rows.get("distribution_centers")).isEqualTo(10);
        // about the public ratios: 1.25 orders and 24 events per user, 1.45 items per order
        assertThat(rows.get("orders")).isBetween(1_100L, 1_450L);
        assertThat(rows.get("order_items")).isBetween(1_600L, 2_100L);
        assertThat(rows.get("inventory_items")).isBetween(4_000L, 6_000L);
        assertThat(rows.get("events")).isBetween(20_000L, 28_000L);
    }

    @Test
    void calendarSpansYearsUpToAsOfWithDataThisYear() {
        List<Object> r = engine.queryRows("SELECT min(created_at)::VARCHAR, max(created_at)::VARCHAR,"
                + " count(*) FILTER (WHERE created_at >= TIMESTAMP '2025-01-01') FROM thelook_ecommerce.orders").get(0);
        assertThat((String) r.get(0)).isLessThan("2022-01-01");
        assertThat((String) r.get(1)).startsWith("2025-06").isLessThan("2025-06-30");
        assertThat(((Number) r.get(2)).longValue()).isGreaterThan(50);
        assertThat(Warehouses.count(engine, "SELECT count(*) FROM thelook_ecommerce.events WHERE created_at >= TIMESTAMP '2025-06-30'")).isZero();
    }

    @Test
    void nothingIsDatedBeforeTheCalendarStarts() {
        // stock too: an order in the calendar's first year does not bring units stocked before it
        assertThat(earliestTimestamp(engine)).isGreaterThanOrEqualTo(Warehouses.count(engine, "SELECT epoch_us(TIMESTAMPTZ '" + Warehouses.AS_OF.minusYears(5) + " 00:00:00+00')"));
    }

    @Test
    void theEarliestAsOfKeepsEveryTimestampInTheYearsBigQueryHolds(@TempDir Path dir) {
        try (DuckDbEngine early = Warehouses.open(dir.resolve("early.duckdb"))) {
            new TheLookGenerator().generate(early, new GenerateOptions(42, 0.001, java.time.LocalDate.of(6, 1, 1), 2, Warehouses.SCHEMA),
                    Progress.NONE);
            assertThat(earliestTimestamp(early)).isGreaterThanOrEqualTo(Warehouses.count(early, "SELECT epoch_us(TIMESTAMPTZ '0001-01-01 00:00:00+00')"));
        }
    }

    /** The earliest timestamp of any column of the growing tables, in epoch microseconds. */
    private static long earliestTimestamp(DuckDbEngine engine) {
        return Warehouses.count(engine, "SELECT epoch_us(least("
                + "(SELECT min(created_at) FROM thelook_ecommerce.users), (SELECT min(created_at) FROM thelook_ecommerce.orders),"
                + " (SELECT min(created_at) FROM thelook_ecommerce.order_items), (SELECT min(created_at) FROM thelook_ecommerce.events),"
                + " (SELECT min(created_at) FROM thelook_ecommerce.inventory_items), (SELECT min(sold_at) FROM thelook_ecommerce.inventory_items)))");
    }

    @Test
    void theLastThirtyDaysOfEventsComeLastInTimeOrder() {
        String recent = "created_at >= TIMESTAMPTZ '" + Warehouses.AS_OF + " 00:00:00+00' - INTERVAL 30 DAY";
        String positions = "SELECT rowid AS position, created_at, " + recent + " AS recent,"
                + " lag(created_at) OVER (ORDER BY rowid) AS previous FROM thelook_ecommerce.events";
        assertThat(Warehouses.count(engine, "SELECT count(*) FROM (" + positions + ") WHERE recent")).as("recent events").isGreaterThan(100);
        assertThat(Warehouses.count(engine, "SELECT count(*) FROM (" + positions + ") WHERE recent AND previous > created_at"))
                .as("recent events out of time order").isZero();
        assertThat(Warehouses.count(engine, "SELECT ((SELECT max(position) FROM (" + positions + ") WHERE NOT recent)"
                + " < (SELECT min(position) FROM (" + positions + ") WHERE recent))::INTEGER")).as("older events before recent ones").isEqualTo(1);
    }

    @Test
    void contentIsBelievable() {
        assertThat(Warehouses.count(engine, "SELECT count(DISTINCT category) FROM thelook_ecommerce.products")).isGreaterThan(20);
        assertThat(Warehouses.count(engine, "SELECT count(DISTINCT country) FROM thelook_ecommerce.users")).isGreaterThan(8);
        assertThat(Warehouses.count(engine, "SELECT count(DISTINCT status) FROM thelook_ecommerce.orders")).isEqualTo(5);
        assertThat(Warehouses.count(engine, "SELECT count(DISTINCT event_type) FROM thelook_ecommerce.events")).isEqualTo(6);
        assertThat(Warehouses.count(engine, "SELECT count(*) FROM thelook_ecommerce.events WHERE user_id IS NULL"))
                .as("anonymous visitors").isGreaterThan(1_000);
        assertThat(Warehouses.count(engine, "SELECT count(*) FROM thelook_ecommerce.inventory_items WHERE sold_at IS NULL"))
                .as("unsold stock").isGreaterThan(1_000);
        assertThat(Warehouses.count(engine, "SELECT count(*) FROM thelook_ecommerce.users WHERE country = 'China'"))
                .isGreaterThan(Warehouses.count(engine, "SELECT count(*) FROM thelook_ecommerce.users WHERE country = 'Japan'"));
    }
}
