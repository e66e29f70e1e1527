package io.porygon.thelook;

import static io.porygon.thelook.ActivitySimulator.DAY;
import static io.porygon.thelook.ActivitySimulator.HOUR;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.Engine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * {@code porygon generate --advance 1d}: moves an existing warehouse forward by a period, the way
 * the live dataset changes. The period starts where the previous generate or advance ended (see
 * {@link GeneratorClock}). It appends new users, orders (from new and existing users), their items,
 * inventory and sessions; it appends late events whose timestamps lie before the period; and it
 * moves earlier orders and their items along ({@link OrderProgress}). Ids continue from the maxima
 * in the warehouse. Deterministic for the same warehouse and seed.
 */
public final class DayAdvance {
    /** 10000-01-01T00:00Z in epoch microseconds: the first instant after those BigQuery's TIMESTAMP holds. */
    private static final long END_OF_TIMESTAMPS = LocalDate.of(10000, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;

    public AdvanceSummary advance(Engine engine, String schema, long seed, Duration period) {
        return advance(engine, schema, seed, period, () -> false);
    }

    /** As above; once {@code stopped} says so (a Ctrl-C), throws a CancellationException before the next step, and rolls back. */
    public AdvanceSummary advance(Engine engine, String schema, long seed, Duration period, BooleanSupplier stopped) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period must be positive, got " + period);
        }
        requireTables(engine, schema);
        // a generate killed before its swap left its staging tables beside the raw ones; nothing else holds the warehouse now
        new StagedTables(engine, schema).dropQuietly();
        // all or nothing: a failed advance leaves the warehouse as it was
        engine.execute("BEGIN TRANSACTION");
        boolean committed = false;
        try {
            AdvanceSummary summary = advanceInTransaction(engine, schema, seed, period, stopped);
            TheLookGenerator.throwIfStopped(stopped);
            commit(engine, schema, summary);
            committed = true;
            return summary;
        } finally {
            if (!committed) TheLookGenerator.rollbackQuietly(engine);
        }
    }

    /**
     * A stop that comes while the COMMIT runs interrupts the statement, but DuckDB may have made the transaction durable
     * already (a large one checkpoints inside its COMMIT): the statement then fails though the data moved on. Whether it
     * did is read back from the clock the transaction wrote, so that the stop is not said to have left the tables as they were.
     */
    private static void commit(Engine engine, String schema, AdvanceSummary summary) {
        try {
            engine.execute("COMMIT");
        } catch (RuntimeException e) {
            // one that did not take effect may leave the transaction open, whose reads would show its own writes
            TheLookGenerator.rollbackQuietly(engine);
            if (!committedAnyway(engine, schema, summary)) throw e;
        }
    }

    private static boolean committedAnyway(Engine engine, String schema, AdvanceSummary summary) {
        try {
            OptionalLong clock = GeneratorClock.read(engine, schema, WarehouseState.read(engine, schema).mark());
            return clock.isPresent() && instant(clock.getAsLong()).equals(summary.to());
        } catch (RuntimeException unreadable) {
            return false; // the warehouse cannot say: the failure stands
        }
    }

    private AdvanceSummary advanceInTransaction(Engine engine, String schema, long seed, Duration period, BooleanSupplier stopped) {
        Catalog catalog = Catalog.read(engine, schema);
        WarehouseState state = WarehouseState.read(engine, schema);
        OptionalLong clock = GeneratorClock.read(engine, schema, state.mark());
        long from = clock.orElse(state.latest());
        long to = from + period.toNanos() / 1000;
        if (to >= END_OF_TIMESTAMPS) {
            throw new PorygonException(SourceLocation.of(schema), "cannot advance to " + instant(to) + ": BigQuery's timestamps end with the"
                    + " year 9999", "generate anew with an earlier --as-of");
        }
        // from moves on with every advance, so no two advances draw the same numbers
        SplittableRandom rng = new SplittableRandom(Seeds.of(seed, Seeds.ADVANCE, from));

        BlockRows out = new BlockRows(64, Long.MAX_VALUE); // a period's events are appended as they come
        ActivitySimulator shop = new ActivitySimulator(catalog, rng, out, to, state.firstSignup());
        double days = (double) (to - from) / DAY;
        double historyDays = Math.max(1.0, (double) (from - state.firstSignup()) / DAY);
        // recent activity runs at about twice the historical average: the shop grows
        double signUps = state.users() / historyDays * days * 2;
        int newUsers = count(rng, signUps);
        int existingOrders = count(rng, state.orders() / historyDays * days * 2);

        // Abandoned sessions end within the period and may begin a little before it, as a purchase session ends at
        // its order: none runs past the period's end, and a half-hour gets its share, spread over it, as a day does.
        for (int i = 0; i < newUsers; i++) {
            long createdAt = within(rng, from, to);
            Customer c = shop.newUser(createdAt);
            if (rng.nextInt(10) < 3) shop.order(c, within(rng, createdAt, to));
            if (rng.nextBoolean()) shop.abandonedSessionEndingAt(c, within(rng, createdAt, to));
        }
        long maxUserId = state.maxIds()[IdSequence.USER.ordinal()];
        for (Customer c : existingCustomers(engine, schema, rng, maxUserId, existingOrders)) {
            shop.order(c, within(rng, Math.max(from, c.createdAt()), to));
        }
        // existing users leave carts as they do in a generate, and anonymous visitors come as many per sign-up
        int carts = count(rng, state.users() * ActivitySimulator.CARTS_ABANDONED_PER_YEAR * days / 365);
        for (Customer c : existingCustomers(engine, schema, rng, maxUserId, carts)) {
            shop.abandonedSessionEndingAt(c, within(rng, Math.max(from, c.createdAt()), to));
        }
        int anonymous = count(rng, ActivitySimulator.ANONYMOUS_SESSIONS_PER_USER * signUps);
        for (int i = 0; i < anonymous; i++) shop.abandonedSessionEndingAt(null, within(rng, from, to));
        // late-arriving events: sessions from up to three days before the period, only now loaded, about a tenth of a
        // day's sessions (a shorter period's share of that): one load brings them however long its period, so a month's
        // advance does not cram a tenth of the month into the three days before it
        int sessions = anonymous + carts + existingOrders + newUsers;
        int late = count(rng, sessions / 10.0 * Math.min(1, 1 / days));
        for (int i = 0; i < late; i++) shop.abandonedSession(null, within(rng, from - 3 * DAY, from - HOUR));

        TheLookGenerator.throwIfStopped(stopped);
        long[] bases = state.maxIds().clone();
        try (TableWriters writers = TableWriters.append(engine, schema)) {
            out.writeTo(writers, bases);
        }
        Map<String, Long> written = new LinkedHashMap<>();
        written.put(RawTables.DISTRIBUTION_CENTERS.name(), 0L);
        written.put(RawTables.PRODUCTS.name(), 0L);
        long[] counts = out.rowsPerTable();
        for (int i = 0; i < counts.length; i++) written.put(TableWriters.TABLES.get(i).name(), counts[i]);

        TheLookGenerator.throwIfStopped(stopped);
        Map<String, Long> updated = OrderProgress.apply(engine, schema, rng, from, to, state.maxIds()[IdSequence.ORDER.ordinal()]);
        GeneratorClock.write(engine, schema, to, WarehouseState.read(engine, schema).mark());
        return new AdvanceSummary(new GenerationSummary(written, updated), instant(from), instant(to), clock.isEmpty());
    }

    /**
     * How many of something {@code expected} a period brings: the whole part, and one more with the chance of the
     * fraction. Never rounded: rounding would make 48 half-hours (or two 12-hour periods) add less or more than a day.
     */
    static int count(SplittableRandom rng, double expected) {
        int whole = (int) expected;
        return whole + (rng.nextDouble() < expected - whole ? 1 : 0);
    }

    /** A time in (lo, hi]; hi when the range is empty. */
    private static long within(SplittableRandom rng, long lo, long hi) {
        if (hi <= lo + 1) return hi;
        return lo + 1 + (long) (rng.nextDouble() * (hi - lo - 1));
    }

    private static List<Customer> existingCustomers(Engine engine, String schema, SplittableRandom rng, long maxUserId, int count) {
        if (maxUserId < 1 || count == 0) return List.of();
        List<Long> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) picked.add(1 + (long) (rng.nextDouble() * maxUserId));
        String ids = picked.stream().distinct().map(String::valueOf).collect(Collectors.joining(","));
        Map<Long, Customer> found = new HashMap<>();
        for (List<Object> r : engine.queryRows("SELECT id, gender, city, state, postal_code, epoch_us(created_at) FROM "
                + Sql.table(schema, RawTables.USERS) + " WHERE id IN (" + ids + ")")) {
            long id = Sql.asLong(r.get(0));
            found.put(id, new Customer(id, false, (String) r.get(1), (String) r.get(2), (String) r.get(3), (String) r.get(4),
                    r.get(5) == null ? 0 : Sql.asLong(r.get(5))));
        }
        List<Customer> customers = new ArrayList<>();
        for (long id : picked) {
            Customer c = found.get(id);
            if (c != null) customers.add(c);
        }
        return customers;
    }

    private static void requireTables(Engine engine, String schema) {
        List<String> missing = RawTables.ALL.stream().filter(t -> !engine.exists(t.target(schema))).map(RawTable::name).toList();
        if (!missing.isEmpty()) {
            throw new PorygonException(SourceLocation.of(schema), "cannot advance: schema " + schema + " lacks the raw table(s) "
                    + String.join(", ", missing), "generate the data first (porygon generate --scale 0.1), or name the schema that"
                    + " holds them: --schema, or --database-mapping prefix when they were generated with it");
        }
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
