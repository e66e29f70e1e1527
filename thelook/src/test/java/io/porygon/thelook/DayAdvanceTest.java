package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.core.PorygonException;
import io.porygon.core.engine.Engine;
import io.porygon.core.engine.EngineException;
import io.porygon.duckdb.DuckDbEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayAdvanceTest {
    private static final String S = "thelook_ecommerce";
    @TempDir Path dir;

    @Test
    void advancingADayAddsRowsUpdatesOldOnesAndKeepsEveryRule() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 5, 0.02, 2);
            engine.execute("CREATE TABLE before_orders AS SELECT * FROM " + S + ".orders");
            long maxEvent = Warehouses.count(engine, "SELECT max(id) FROM " + S + ".events");
            long maxOrder = Warehouses.count(engine, "SELECT max(order_id) FROM " + S + ".orders");
            long maxUser = Warehouses.count(engine, "SELECT max(id) FROM " + S + ".users");
            long latest = Warehouses.count(engine, "SELECT epoch_us(max(created_at)) FROM " + S + ".events");
            long eventsBefore = Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events");

            GenerationSummary summary = new DayAdvance().advance(engine, S, 5, Duration.ofDays(1)).rows();

            // new rows, with ids continuing the sequences
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".users WHERE id > " + maxUser)).isPositive()
                    .isEqualTo(summary.rowsWritten().get("users"));
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".orders WHERE order_id > " + maxOrder)).isPositive()
                    .isEqualTo(summary.rowsWritten().get("orders"));
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events")).isEqualTo(eventsBefore + summary.rowsWritten().get("events"));
            assertThat(Warehouses.count(engine, "SELECT min(id) FROM " + S + ".events WHERE id > " + maxEvent)).isEqualTo(maxEvent + 1);
            // the new day's orders lie after the latest timestamp
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".orders WHERE order_id > " + maxOrder
                    + " AND epoch_us(created_at) <= " + latest)).isZero();
            // late events: new rows whose timestamps are older than what was there
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events WHERE id > " + maxEvent
                    + " AND epoch_us(created_at) < " + latest)).isPositive();
            // earlier orders moved on, and their items with them
            long changed = Warehouses.count(engine, "SELECT count(*) FROM " + S + ".orders o JOIN before_orders b USING (order_id)"
                    + " WHERE o.status <> b.status OR o.shipped_at IS DISTINCT FROM b.shipped_at"
                    + " OR o.delivered_at IS DISTINCT FROM b.delivered_at OR o.returned_at IS DISTINCT FROM b.returned_at");
            assertThat(changed).isPositive().isEqualTo(summary.rowsUpdated().get("orders"));
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".orders o JOIN before_orders b USING (order_id)"
                    + " WHERE b.status = 'Processing' AND o.status = 'Shipped'")).isPositive();
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".orders o JOIN before_orders b USING (order_id)"
                    + " WHERE o.created_at <> b.created_at OR o.user_id <> b.user_id")).as("history itself is not rewritten").isZero();
            assertThat(engine.exists(new io.porygon.core.graph.Target(null, S, "porygon_advance_updates"))).isFalse();
            // nothing duplicated, every rule still holds
            for (Map.Entry<String, String> rule : ConsistencyRules.all(S).entrySet()) {
                assertThat(Warehouses.count(engine, rule.getValue())).as(rule.getKey()).isZero();
            }
        }
    }

    @Test
    void aShortPeriodChangesAsMuchAsItsShareOfADay() throws Exception {
        // the chances are a day's, for the period: 48 advances of 30 minutes do about what one of a day does
        Path day = dir.resolve("day.duckdb");
        try (DuckDbEngine engine = Warehouses.open(day)) {
            Warehouses.generate(engine, 11, 0.02, 2);
        }
        Path halfHour = dir.resolve("half-hour.duckdb");
        java.nio.file.Files.copy(day, halfHour);
        GenerationSummary oneDay;
        try (DuckDbEngine engine = Warehouses.open(day)) {
            oneDay = new DayAdvance().advance(engine, S, 11, Duration.ofDays(1)).rows();
        }
        try (DuckDbEngine engine = Warehouses.open(halfHour)) {
            GenerationSummary thirtyMinutes = new DayAdvance().advance(engine, S, 11, Duration.ofMinutes(30)).rows();
            assertThat(thirtyMinutes.rowsUpdated().get("orders")).isLessThan(oneDay.rowsUpdated().get("orders") / 4);
            assertThat(thirtyMinutes.rowsWritten().get("orders")).isLessThanOrEqualTo(oneDay.rowsWritten().get("orders") / 4);
            for (Map.Entry<String, String> rule : ConsistencyRules.all(S).entrySet()) {
                assertThat(Warehouses.count(engine, rule.getValue())).as(rule.getKey()).isZero();
            }
        }
    }

    @Test
    void aMonthsAdvanceContinuesTheGeneratedTrafficOfAnonymousAndRegisteredVisitors() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 19, 0.05, 2);
            new DayAdvance().advance(engine, S, 19, Duration.ofDays(30));
            String asOf = "TIMESTAMPTZ '" + Warehouses.AS_OF + " 00:00:00+00'";
            String sessions = "SELECT count(DISTINCT session_id) FROM " + S + ".events WHERE ";
            for (String visitors : List.of("user_id IS NULL", "user_id IS NOT NULL")) {
                long generatedMonth = Warehouses.count(engine, sessions + visitors + " AND created_at >= " + asOf + " - INTERVAL 30 DAY"
                        + " AND created_at < " + asOf);
                long advancedMonth = Warehouses.count(engine, sessions + visitors + " AND created_at >= " + asOf);
                // the shop grows (an advance runs at twice the historical average), but does not jump
                assertThat((double) advancedMonth).as(visitors).isBetween(1.0 * generatedMonth, 2.2 * generatedMonth);
            }
        }
    }

    @Test
    void aMonthsAdvanceBringsNoMoreLateEventsThanADaysLoadDoes() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 23, 0.02, 2);
            long maxEvent = Warehouses.count(engine, "SELECT max(id) FROM " + S + ".events");
            new DayAdvance().advance(engine, S, 23, Duration.ofDays(30));
            String asOf = "TIMESTAMPTZ '" + Warehouses.AS_OF + " 00:00:00+00'";
            String newEvents = "SELECT count(*) FROM " + S + ".events WHERE id > " + maxEvent;
            long late = Warehouses.count(engine, newEvents + " AND created_at < " + asOf);
            long perDay = Warehouses.count(engine, newEvents + " AND created_at >= " + asOf) / 30;
            // a tenth of a day's sessions, from the three days before: not a tenth of the month's crammed into them
            assertThat(late).isPositive().isLessThan(perDay);
        }
    }

    @Test
    void countsAreDrawnNotRounded() {
        // rounding would make two 12-hour periods (1.4 orders each, say) add 2 where a day adds 3
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (double expected : new double[] {0.3, 1.4, 2.5, 7.0}) {
            long sum = 0;
            for (int i = 0; i < 20_000; i++) sum += DayAdvance.count(rng, expected);
            assertThat(sum / 20_000.0).as("mean count for %s", expected).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void halfHoursSpreadTheirSessionsOverThemselves() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 13, 0.02, 2);
            long maxEvent = Warehouses.count(engine, "SELECT max(id) FROM " + S + ".events");
            long maxUser = Warehouses.count(engine, "SELECT max(id) FROM " + S + ".users");
            for (int i = 0; i < 48; i++) new DayAdvance().advance(engine, S, 13, Duration.ofMinutes(30));
            String sessions = "(SELECT session_id, any_value(user_id) user_id, min(created_at) started, max(created_at) ended,"
                    + " max(event_type) FILTER (WHERE event_type IN ('purchase', 'cancel')) outcome FROM " + S + ".events"
                    + " WHERE id > " + maxEvent + " GROUP BY session_id)";
            // each half-hour's sessions start at their own times, not all at its first microsecond
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + sessions)).isGreaterThan(20);
            assertThat(Warehouses.count(engine, "SELECT count(*) - count(DISTINCT started) FROM " + sessions)).isZero();
            // and new users abandon carts there too, as they do in a day
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + sessions + " WHERE outcome = 'cancel' AND user_id > " + maxUser))
                    .isPositive();
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + sessions + " WHERE ended > TIMESTAMPTZ '"
                    + Warehouses.AS_OF.plusDays(1) + " 00:00:00+00'")).isZero();
        }
    }

    @Test
    void aWeekMovesAnOrderAsFarAsSevenDaysDo() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 17, 0.02, 2);
            engine.execute("CREATE TABLE before_orders AS SELECT order_id, status FROM " + S + ".orders");
            new DayAdvance().advance(engine, S, 17, Duration.ofDays(7));
            // it ships, then is delivered in the days left: a single step per period would leave it Shipped
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".orders o JOIN before_orders b USING (order_id)"
                    + " WHERE b.status = 'Processing' AND o.status IN ('Complete', 'Returned')")).isPositive();
            for (Map.Entry<String, String> rule : ConsistencyRules.all(S).entrySet()) {
                assertThat(Warehouses.count(engine, rule.getValue())).as(rule.getKey()).isZero();
            }
        }
    }

    @Test
    void advancingTwiceKeepsGoingForward() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 9, 0.01, 1);
            new DayAdvance().advance(engine, S, 9, Duration.ofDays(1));
            long afterFirst = Warehouses.count(engine, "SELECT epoch_us(max(created_at)) FROM " + S + ".orders");
            long orders = Warehouses.count(engine, "SELECT count(*) FROM " + S + ".orders");
            new DayAdvance().advance(engine, S, 9, Duration.ofHours(36));
            assertThat(Warehouses.count(engine, "SELECT epoch_us(max(created_at)) FROM " + S + ".orders")).isGreaterThan(afterFirst);
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".orders")).isGreaterThan(orders);
            for (Map.Entry<String, String> rule : ConsistencyRules.all(S).entrySet()) {
                assertThat(Warehouses.count(engine, rule.getValue())).as(rule.getKey()).isZero();
            }
        }
    }

    @Test
    void advanceIsDeterministicForTheSameWarehouseAndSeed() {
        List<String> digests = new java.util.ArrayList<>();
        for (String name : List.of("a", "b")) {
            try (DuckDbEngine engine = Warehouses.open(dir.resolve(name + ".duckdb"))) {
                Warehouses.generate(engine, 3, 0.01, 2);
                new DayAdvance().advance(engine, S, 3, Duration.ofDays(1));
                StringBuilder all = new StringBuilder();
                for (RawTable t : RawTables.ALL) all.append(Warehouses.digest(engine, S, t));
                digests.add(all.toString());
            }
        }
        assertThat(digests.get(1)).isEqualTo(digests.get(0));
    }

    @Test
    void advancingAnEmptyWarehouseSaysWhatToDo() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            assertThatThrownBy(() -> new DayAdvance().advance(engine, S, 1, Duration.ofDays(1)))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("lacks the raw table(s) distribution_centers, products, users")
                    .satisfies(e -> assertThat(((PorygonException) e).hint()).contains("porygon generate"));
        }
    }

    @Test
    void advancingPastTheYear9999IsRefusedAndChangesNothing() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            new TheLookGenerator().generate(engine, new GenerateOptions(1, 0.001, java.time.LocalDate.of(9999, 12, 30), 1, S), Progress.NONE);
            long events = Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events");
            new DayAdvance().advance(engine, S, 1, Duration.ofHours(23)); // up to 9999-12-30 23:00, within the year
            long afterOneDay = Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events");
            assertThatThrownBy(() -> new DayAdvance().advance(engine, S, 1, Duration.ofDays(3)))
                    .isInstanceOf(PorygonException.class)
                    .hasMessageContaining("BigQuery's timestamps end with the year 9999")
                    .satisfies(e -> assertThat(((PorygonException) e).hint()).contains("--as-of"));
            assertThat(afterOneDay).isGreaterThanOrEqualTo(events);
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events")).isEqualTo(afterOneDay);
        }
    }

    @Test
    void aCommitThatFailsAfterItTookEffectCountsAsDoneAndOneThatFailsBeforeAsNotDone() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 5, 0.01, 2);
            long eventsBefore = Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events");

            // a stop that interrupts the COMMIT once DuckDB made it durable: the advance happened, and says so
            AdvanceSummary done = new DayAdvance().advance(failingCommit(engine, true), S, 5, Duration.ofDays(1));
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events"))
                    .isEqualTo(eventsBefore + done.rows().rowsWritten().get("events"));

            // one that interrupts it before: nothing changed, and the failure is the caller's
            long eventsAfter = Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events");
            assertThatThrownBy(() -> new DayAdvance().advance(failingCommit(engine, false), S, 5, Duration.ofDays(1)))
                    .isInstanceOf(EngineException.class).hasMessageContaining("INTERRUPT");
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".events")).isEqualTo(eventsAfter);
        }
    }

    /** {@code engine}, whose COMMIT fails as an interrupted one does, after committing when {@code tookEffect}. */
    private static Engine failingCommit(DuckDbEngine engine, boolean tookEffect) {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class}, (proxy, method, args) -> {
            if (method.getName().equals("execute") && "COMMIT".equals(args[0])) {
                if (tookEffect) engine.execute("COMMIT");
                throw new EngineException("INTERRUPT Error: Interrupted!", null);
            }
            try {
                return method.invoke(engine, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
