package io.porygon.thelook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porygon.duckdb.DuckDbEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's clock: each advance starts where the previous generate or advance ended, even when
 * that period wrote nothing; tables the clock was not written with advance after their latest timestamp.
 */
class GeneratorClockTest {
    private static final String S = Warehouses.SCHEMA;
    private static final Instant AS_OF = Warehouses.AS_OF.atStartOfDay(ZoneOffset.UTC).toInstant();
    @TempDir Path dir;

    @Test
    void eachAdvanceStartsWhereTheGenerateOrTheLastAdvanceEnded() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 4, 0.01, 2);
            assertThat(clock(engine)).isEqualTo(AS_OF);
            Instant end = AS_OF;
            for (Duration period : new Duration[] {Duration.ofDays(1), Duration.ofHours(12), Duration.ofMinutes(30), Duration.ofDays(7)}) {
                AdvanceSummary advanced = new DayAdvance().advance(engine, S, 4, period);
                assertThat(advanced.fromLatestData()).isFalse();
                assertThat(advanced.from()).isEqualTo(end);
                assertThat(advanced.to()).isEqualTo(end.plus(period));
                end = advanced.to();
                assertThat(clock(engine)).isEqualTo(end);
                assertThat(latestInData(engine)).isBeforeOrEqualTo(end);
            }
        }
    }

    @Test
    void theClockOfASchemaIsFoundWhateverTheCaseItIsNamedIn() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            // the warehouse's names are case-insensitive: Raw and raw are one schema, its tables and its clock
            new TheLookGenerator().generate(engine, new GenerateOptions(4, 0.01, Warehouses.AS_OF, 2, "Raw"), Progress.NONE);
            AdvanceSummary advanced = new DayAdvance().advance(engine, "raw", 4, Duration.ofDays(1));
            assertThat(advanced.fromLatestData()).isFalse();
            assertThat(advanced.from()).isEqualTo(AS_OF);
            AdvanceSummary again = new DayAdvance().advance(engine, "RAW", 4, Duration.ofDays(1));
            assertThat(again.fromLatestData()).isFalse();
            assertThat(again.from()).isEqualTo(AS_OF.plus(Duration.ofDays(1)));
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM porygon_meta.thelook_clock")).isEqualTo(1);
        }
    }

    @Test
    void halfHoursThatWriteNothingStillMoveTheClockAndADaysWorthAddsRows() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 8, 0.02, 2);
            long before = rows(engine);
            long written = 0;
            int empty = 0;
            Instant start = null;
            Instant end = null;
            for (int i = 0; i < 48; i++) {
                AdvanceSummary advanced = new DayAdvance().advance(engine, S, 8, Duration.ofMinutes(30));
                if (start == null) start = advanced.from();
                else assertThat(advanced.from()).as("advance %d starts where the last ended", i).isEqualTo(end);
                end = advanced.to();
                written += advanced.rows().totalRows();
                if (advanced.rows().totalRows() == 0) empty++;
            }
            assertThat(end).isEqualTo(start.plus(Duration.ofDays(1))).isEqualTo(AS_OF.plus(Duration.ofDays(1)));
            // about what a day adds (two users and four orders with their sessions at this scale), some halves adding nothing
            assertThat(empty).isPositive();
            assertThat(written).isEqualTo(rows(engine) - before).isBetween(40L, 400L);
            assertThat(Warehouses.count(engine, "SELECT count(*) FROM " + S + ".orders WHERE created_at > TIMESTAMPTZ '"
                    + AS_OF + "'")).isPositive();
            // a replayed period would repeat its sessions' ids and ids' sequence numbers
            for (Map.Entry<String, String> rule : ConsistencyRules.all(S).entrySet()) {
                assertThat(Warehouses.count(engine, rule.getValue())).as(rule.getKey()).isZero();
            }
        }
    }

    @Test
    void tablesWithoutAClockAdvanceAfterTheirLatestTimestampAndThenKeepOne() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 6, 0.01, 2);
            engine.execute("DROP TABLE porygon_meta.thelook_clock"); // as a warehouse of an older Porygon
            Instant latest = latestInData(engine);

            AdvanceSummary first = new DayAdvance().advance(engine, S, 6, Duration.ofMinutes(30));
            assertThat(first.fromLatestData()).isTrue();
            assertThat(first.from()).isEqualTo(latest).isBefore(AS_OF);
            AdvanceSummary second = new DayAdvance().advance(engine, S, 6, Duration.ofMinutes(30));
            assertThat(second.fromLatestData()).isFalse();
            assertThat(second.from()).isEqualTo(first.to());
        }
    }

    @Test
    void tablesLoadedSinceTheClockWasWrittenAreNotHeldToIt() {
        Path files = dir.resolve("files");
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("source.duckdb"))) {
            Warehouses.generate(engine, 7, 0.005, 1);
            FileExport.export(engine, S, files, FileExport.Format.PARQUET);
        }
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 7, 0.01, 2);
            new DayAdvance().advance(engine, S, 7, Duration.ofDays(2));
            new TheLookLoader().load(engine, files, S);
            Instant latest = latestInData(engine);

            AdvanceSummary advanced = new DayAdvance().advance(engine, S, 7, Duration.ofDays(1));
            assertThat(advanced.fromLatestData()).isTrue();
            assertThat(advanced.from()).isEqualTo(latest);
        }
    }

    @Test
    void anAdvanceThatFailsKeepsTheDataAndTheClockAsTheyWere() {
        try (DuckDbEngine engine = Warehouses.open(dir.resolve("w.duckdb"))) {
            Warehouses.generate(engine, 5, 0.01, 2);
            Map<String, String> before = Warehouses.digests(engine, S);
            // a column the clock's writer does not fill: its write, the advance's last, fails
            engine.execute("ALTER TABLE porygon_meta.thelook_clock ADD COLUMN note VARCHAR");
            assertThatThrownBy(() -> new DayAdvance().advance(engine, S, 5, Duration.ofDays(1))).hasMessageContaining("thelook_clock");
            assertThat(Warehouses.digests(engine, S)).isEqualTo(before);
            assertThat(clock(engine)).isEqualTo(AS_OF);
        }
    }

    private static Instant clock(DuckDbEngine engine) {
        return micros(Warehouses.count(engine, "SELECT epoch_us(generated_to) FROM porygon_meta.thelook_clock WHERE schema_name = '" + S + "'"));
    }

    private static Instant latestInData(DuckDbEngine engine) {
        return micros(Warehouses.count(engine, "SELECT epoch_us(greatest((SELECT max(created_at) FROM " + S + ".events),"
                + " (SELECT max(created_at) FROM " + S + ".users), (SELECT max(created_at) FROM " + S + ".orders),"
                + " (SELECT max(shipped_at) FROM " + S + ".orders), (SELECT max(delivered_at) FROM " + S + ".orders),"
                + " (SELECT max(returned_at) FROM " + S + ".orders)))"));
    }

    private static long rows(DuckDbEngine engine) {
        long n = 0;
        for (RawTable t : RawTables.ALL) n += Warehouses.count(engine, "SELECT count(*) FROM " + S + "." + t.name());
        return n;
    }

    private static Instant micros(long us) {
        return Instant.EPOCH.plus(Duration.ofNanos(us * 1000));
    }
}
