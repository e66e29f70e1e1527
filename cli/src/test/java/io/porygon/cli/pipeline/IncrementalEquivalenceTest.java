package io.porygon.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.porygon.cli.CliRun;
import io.porygon.duckdb.DuckDbEngine;
import io.porygon.duckdb.DuckDbSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates a small warehouse, runs the pipeline, empties the two facts, then advances the data day
 * by day (new activity, late events, orders that ship, deliver or are returned later) with an
 * incremental run after each day; the last day also brings a week-long session, an old order
 * cancelled and a customer whose country changed; a last run finds nothing new. Afterwards every incremental table
 * must equal a full-refresh build of it, row for row.
 */
class IncrementalEquivalenceTest {
    static final List<String> INCREMENTAL_TABLES = List.of("users_dim", "orders_dim", "events_fct", "trx_fct");
    /** The columns of each table that say when a run wrote a row, which a full refresh sets anew. */
    private static final Map<String, String> STAMPS = Map.of("users_dim", "loaded_at", "orders_dim", "loaded_at",
            "trx_fct", "orders_dim_loaded_at, users_dim_loaded_at");
    static final int DAYS = 3;

    @TempDir Path dir;

    @Test
    void incrementalRunsAfterSeveralDaysEqualAFullRefresh() {
        Path warehouse = dir.resolve("warehouse.duckdb");
        PorygonCommand porygon = generatedAndRun(warehouse, "0.01");
        emptyTheFacts(warehouse);
        for (int day = 0; day < DAYS; day++) {
            porygon.succeed("generate", "--advance", "1d", "--no-progress");
            if (day == DAYS - 1) {
                addALongSessionWithALateEvent(warehouse);
                changeAnOldOrderAndACustomerWithoutATimestamp(warehouse);
            }
            porygon.succeed("run");
        }
        porygon.succeed("run"); // an empty increment: no new row since the last run
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            engine.execute("CREATE SCHEMA incremental_snapshot");
            for (String t : INCREMENTAL_TABLES) {
                engine.execute("CREATE TABLE incremental_snapshot." + t + " AS SELECT * FROM thelook." + t);
            }
        }

        porygon.succeed("run", "--full-refresh");

        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            for (String t : INCREMENTAL_TABLES) {
                long rows = count(engine, "SELECT * FROM thelook." + t);
                assertThat(rows).as("%s is not empty", t).isPositive();
                assertThat(count(engine, "SELECT * FROM incremental_snapshot." + t)).as("%s row count", t).isEqualTo(rows);
                String rowsOf = "SELECT " + entityColumns(t) + " FROM ";
                assertThat(count(engine, rowsOf + "incremental_snapshot." + t + " EXCEPT ALL " + rowsOf + "thelook." + t))
                        .as("rows of incremental %s missing from the full refresh", t).isZero();
                assertThat(count(engine, rowsOf + "thelook." + t + " EXCEPT ALL " + rowsOf + "incremental_snapshot." + t))
                        .as("rows of the full refresh of %s missing from the incremental build", t).isZero();
            }
        }
    }

    /**
     * An event stamped years ahead (a clock gone wrong upstream) becomes the newest loaded one, so the lookback
     * window passes the events that follow: they are missed, the reconciliation says so, and a full refresh loads them.
     */
    @Test
    void eventsMissedAfterOneStampedInTheFutureFailTheReconciliationUntilAFullRefresh() {
        Path warehouse = dir.resolve("future.duckdb");
        PorygonCommand porygon = generatedAndRun(warehouse, "0.002");
        addAnEventAt(warehouse, "TIMESTAMPTZ '2030-01-01 00:00:00+00'");
        porygon.succeed("run");
        addAnEventAt(warehouse, "(SELECT max(created_at) + INTERVAL 1 MINUTE FROM thelook_ecommerce.events WHERE created_at < TIMESTAMPTZ '2030-01-01 00:00:00+00')");
        CliRun.Result missed = porygon.run("run");
        assertThat(missed.exitCode()).as(missed.out()).isEqualTo(1);
        assertThat(missed.out().lines().filter(l -> l.contains("FAIL ")).toList())
                .singleElement().asString().contains("events_fct_reconciles_events");
        porygon.succeed("run", "--full-refresh");
    }

    /**
     * What the README says the increments leave to a full refresh, and which assertion reports it: an old order
     * item's price corrected without a timestamp (the comparison of loaded rows covers statuses, not prices), an old
     * order item and an old event deleted upstream (a MERGE never deletes).
     */
    @Test
    void aPriceCorrectedWithoutATimestampAndDeletedRowsAreReportedUntilAFullRefresh() {
        Path warehouse = dir.resolve("corrected.duckdb");
        PorygonCommand porygon = generatedAndRun(warehouse, "0.002");
        long repriced;
        long deletedItem;
        long deletedEvent;
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            String old = "created_at < (SELECT max(created_at) - INTERVAL 30 DAY FROM thelook_ecommerce.order_items)";
            repriced = first(engine, "SELECT min(id) FROM thelook_ecommerce.order_items WHERE " + old);
            deletedItem = first(engine, "SELECT max(id) FROM thelook_ecommerce.order_items WHERE " + old);
            deletedEvent = first(engine, """
                    SELECT min(id) FROM thelook_ecommerce.events WHERE session_id IN (
                      SELECT session_id FROM thelook_ecommerce.events GROUP BY session_id
                      HAVING max(created_at) < (SELECT max(created_at) - INTERVAL 30 DAY FROM thelook_ecommerce.events))""");
            engine.execute("UPDATE thelook_ecommerce.order_items SET sale_price = sale_price + 10 WHERE id = " + repriced);
            engine.execute("DELETE FROM thelook_ecommerce.order_items WHERE id = " + deletedItem);
            engine.execute("DELETE FROM thelook_ecommerce.events WHERE id = " + deletedEvent);
        }
        CliRun.Result missed = porygon.run("run");
        assertThat(missed.exitCode()).as(missed.out()).isEqualTo(1);
        assertThat(missed.out().lines().filter(l -> l.contains("FAIL ")).toList())
                .hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("trx_fct_reconciles_order_items"))
                .anySatisfy(l -> assertThat(l).contains("events_fct_reconciles_events"));
        String stalePrice = "SELECT count(*) FROM thelook.trx_fct t JOIN thelook_ecommerce.order_items i ON i.id = t.order_item_id"
                + " WHERE t.sale_price IS DISTINCT FROM i.sale_price";
        String deletedRows = "SELECT (SELECT count(*) FROM thelook.trx_fct WHERE order_item_id = " + deletedItem + ")"
                + " + (SELECT count(*) FROM thelook.events_fct WHERE event_id = " + deletedEvent + ")";
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            assertThat(first(engine, stalePrice)).as("the corrected price is missed").isEqualTo(1);
            assertThat(first(engine, deletedRows)).as("the deleted rows stay").isEqualTo(2);
        }
        porygon.succeed("run", "--full-refresh");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            assertThat(first(engine, stalePrice)).isZero();
            assertThat(first(engine, deletedRows)).isZero();
        }
    }

    /**
     * trx_fct finds changed orders and customers by the time the dimensions wrote them, compared with its own last
     * load: a change merged by a run that did not build trx_fct (here one of the dimensions alone) reaches it in the
     * next run. The order's status changes in orders only (its items keep theirs), so only orders_dim can tell.
     */
    @Test
    void anOrderAndACustomerChangedInARunWithoutTrxFctReachItInTheNextRun() {
        Path warehouse = dir.resolve("dimensions-first.duckdb");
        PorygonCommand porygon = generatedAndRun(warehouse, "0.002");
        String old = "created_at < (SELECT max(created_at) - INTERVAL 30 DAY FROM thelook_ecommerce.order_items)";
        long order;
        long customer;
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            order = first(engine, "SELECT min(order_id) FROM thelook_ecommerce.order_items WHERE status = 'Complete' AND " + old);
            customer = first(engine, "SELECT max(user_id) FROM thelook_ecommerce.order_items WHERE " + old);
            engine.execute("UPDATE thelook_ecommerce.orders SET status = 'Returned' WHERE order_id = " + order);
            engine.execute("UPDATE thelook_ecommerce.users SET country = 'Atlantis' WHERE id = " + customer);
        }
        porygon.succeed("run", "--actions", "orders_dim", "users_dim");
        String stale = "SELECT (SELECT count(*) FROM thelook.trx_fct WHERE order_id = " + order + " AND order_status <> 'Returned')"
                + " + (SELECT count(*) FROM thelook.trx_fct WHERE user_id = " + customer + " AND country <> 'Atlantis')";
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            assertThat(first(engine, stale)).as("trx_fct is not built by the first run").isPositive();
        }
        porygon.succeed("run");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            assertThat(first(engine, stale)).isZero();
        }
    }

    /**
     * The dimensions' stamps only grow, whatever the clock does: after runs whose clock was a day ahead (an NTP
     * correction, a resumed VM, a warehouse copied from another machine), a customer's change is stamped after them,
     * and trx_fct, which compares the stamps it read rather than its own clock, still rebuilds the customer's orders.
     */
    @Test
    void aChangeAfterTheClockSteppedBackStillReachesTrxFct() {
        Path warehouse = dir.resolve("clock.duckdb");
        PorygonCommand porygon = generatedAndRun(warehouse, "0.002");
        long customer;
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            engine.execute("UPDATE thelook.users_dim SET loaded_at = loaded_at + INTERVAL 1 DAY");
            engine.execute("UPDATE thelook.orders_dim SET loaded_at = loaded_at + INTERVAL 1 DAY");
            engine.execute("UPDATE thelook.trx_fct SET orders_dim_loaded_at = orders_dim_loaded_at + INTERVAL 1 DAY,"
                    + " users_dim_loaded_at = users_dim_loaded_at + INTERVAL 1 DAY");
            customer = first(engine, "SELECT max(user_id) FROM thelook.trx_fct");
            engine.execute("UPDATE thelook_ecommerce.users SET country = 'Atlantis' WHERE id = " + customer);
        }
        porygon.succeed("run");
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            assertThat(first(engine, "SELECT count(*) FROM thelook.trx_fct WHERE user_id = " + customer + " AND country <> 'Atlantis'"))
                    .isZero();
        }
    }

    /** The Look generated at {@code scale} (the same seed and day each time) into {@code warehouse}, and run once. */
    private static PorygonCommand generatedAndRun(Path warehouse, String scale) {
        PorygonCommand porygon = new PorygonCommand(warehouse);
        porygon.succeed("generate", "--scale", scale, "--seed", "7", "--as-of", "2026-06-01", "--no-progress");
        porygon.succeed("run");
        return porygon;
    }

    private static long first(DuckDbEngine engine, String select) {
        return ((Number) engine.queryRows(select).get(0).get(0)).longValue();
    }

    /** A new session of one event, created at {@code time}. */
    private static void addAnEventAt(Path warehouse, String time) {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            engine.execute("CREATE TEMP TABLE stamp AS SELECT " + time + " AS stamped_at");
            engine.execute("""
                    INSERT INTO thelook_ecommerce.events BY NAME
                    SELECT max(id) + 1 AS id, NULL::BIGINT AS user_id, 1 AS sequence_number, 'session-' || (max(id) + 1) AS session_id,
                           (SELECT stamped_at FROM stamp) AS created_at, '10.0.0.2' AS ip_address, 'Lyon' AS city, 'Rhone' AS state,
                           '69001' AS postal_code, 'Firefox' AS browser, 'Email' AS traffic_source, '/home' AS uri, 'home' AS event_type
                    FROM thelook_ecommerce.events""");
        }
    }

    /**
     * A session that began a week before the newest event and gets a late event inside the
     * lookback window: the increment must rebuild it whole, its first event included, although the
     * generator's sessions last minutes.
     */
    private static void addALongSessionWithALateEvent(Path warehouse) {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            engine.execute("""
                    INSERT INTO thelook_ecommerce.events BY NAME
                    SELECT max(id) + n AS id, NULL::BIGINT AS user_id, n AS sequence_number, 'long-session' AS session_id,
                           max(created_at) - CASE n WHEN 1 THEN INTERVAL 7 DAY ELSE INTERVAL 1 HOUR END AS created_at,
                           '10.0.0.1' AS ip_address, 'Lyon' AS city, 'Rhone' AS state, '69001' AS postal_code, 'Firefox' AS browser,
                           'Email' AS traffic_source, '/home' AS uri, 'home' AS event_type
                    FROM thelook_ecommerce.events, (VALUES (1), (2)) AS v(n) GROUP BY n""");
        }
    }

    /** An empty fact table has no newest row to look back from: its next incremental run loads everything. */
    private static void emptyTheFacts(Path warehouse) {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            engine.execute("DELETE FROM thelook.events_fct");
            engine.execute("DELETE FROM thelook.trx_fct");
        }
    }

    /**
     * Changes that set no timestamp, long after the lookback windows: an order cancelled a week
     * after its items were created (the generator cancels orders still processing, setting no time),
     * and a customer whose country is corrected, which changes the country codes that trx_fct copies.
     */
    private static void changeAnOldOrderAndACustomerWithoutATimestamp(Path warehouse) {
        try (DuckDbEngine engine = new DuckDbEngine(DuckDbSettings.of(warehouse))) {
            engine.execute("""
                    CREATE TEMP TABLE old_order AS SELECT min(order_id) AS order_id FROM thelook_ecommerce.order_items
                    WHERE status <> 'Cancelled' AND created_at < (SELECT max(created_at) - INTERVAL 7 DAY FROM thelook_ecommerce.order_items)""");
            engine.execute("UPDATE thelook_ecommerce.orders SET status = 'Cancelled' WHERE order_id = (SELECT order_id FROM old_order)");
            engine.execute("UPDATE thelook_ecommerce.order_items SET status = 'Cancelled' WHERE order_id = (SELECT order_id FROM old_order)");
            engine.execute("""
                    UPDATE thelook_ecommerce.users SET country = CASE WHEN country = 'Germany' THEN 'France' ELSE 'Germany' END
                    WHERE id = (SELECT min(user_id) FROM thelook_ecommerce.order_items
                                WHERE created_at < (SELECT max(created_at) - INTERVAL 7 DAY FROM thelook_ecommerce.order_items))""");
        }
    }

    /** Every column but the stamps of when a run wrote the row. */
    private static String entityColumns(String table) {
        return STAMPS.containsKey(table) ? "* EXCLUDE (" + STAMPS.get(table) + ")" : "*";
    }

    private static long count(DuckDbEngine engine, String select) {
        return ((Number) engine.queryRows("SELECT count(*) FROM (" + select + ")").get(0).get(0)).longValue();
    }
}
