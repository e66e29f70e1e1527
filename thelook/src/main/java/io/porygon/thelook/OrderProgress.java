package io.porygon.thelook;

import static io.porygon.thelook.ActivitySimulator.DAY;

import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Column;
import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Moves the orders that existed before an advance along their life over its period, and copies the
 * change onto their items. Each day a Processing order ships with chance 0.6 (one time in twenty it is
 * cancelled instead), a Shipped one is delivered with chance 0.45, and a delivered one is returned with
 * a chance of about 0.004 while within 30 days of delivery (12 % over the window, as a generate returns).
 * Each step's waiting time is drawn from its daily chance (geometric in continuous time, so memoryless)
 * and the next step waits from there: the outcome does not depend on how the time is split, so a week
 * does what seven days do, and a day what 48 half-hours do.
 * (Drawing a step's time uniformly over what is left of the period would not: it leaves too little time
 * for the next step in a long period, and too much in a short one.)
 */
final class OrderProgress {
    private static final String UPDATES = "porygon_advance_updates";
    private static final double SHIPS = 0.6;
    private static final double CANCELLED_INSTEAD = 0.05;
    private static final double DELIVERED = 0.45;
    /** An order can be returned up to this long after its delivery. */
    static final long RETURN_WINDOW = 30 * DAY;
    /** A daily chance that returns, over the whole window, the share of orders a generate returns (not three times it). */
    static final double RETURNED = 1 - StrictMath.pow(1 - ActivitySimulator.RETURNED, 1.0 / (RETURN_WINDOW / DAY));

    private OrderProgress() {}

    /** Rows updated per table. */
    static Map<String, Long> apply(Engine engine, String schema, SplittableRandom rng, long from, long to, long maxOrderId) {
        List<List<Object>> candidates = engine.queryRows("SELECT order_id, status, epoch_us(created_at), epoch_us(shipped_at),"
                + " epoch_us(delivered_at) FROM " + Sql.table(schema, RawTables.ORDERS)
                + " WHERE order_id <= " + maxOrderId + " AND (status IN ('Processing', 'Shipped')"
                + " OR (status = 'Complete' AND epoch_us(delivered_at) >= " + (from - RETURN_WINDOW) + "))"
                + " ORDER BY order_id");
        long changed = 0;
        try (BulkWriter w = engine.createAndOpenWriter(new Target(null, schema, UPDATES), List.of(new Column("order_id", "BIGINT"),
                new Column("status", "VARCHAR"), new Column("shipped_at", "TIMESTAMP WITH TIME ZONE"),
                new Column("delivered_at", "TIMESTAMP WITH TIME ZONE"), new Column("returned_at", "TIMESTAMP WITH TIME ZONE")))) {
            for (List<Object> r : candidates) {
                Order o = new Order((String) r.get(1), Sql.asLong(r.get(2)), time(r.get(3)), time(r.get(4)));
                if (!o.moveOn(rng, from, to)) continue;
                w.append(Sql.asLong(r.get(0))).append(o.status);
                for (long t : new long[] {o.shipped, o.delivered, o.returned}) {
                    if (t == RowBuffer.NO_TIME) w.appendNull();
                    else w.appendTimestampMicros(t);
                }
                w.endRow();
                changed++;
            }
        }
        String set = " SET status = u.status, shipped_at = u.shipped_at, delivered_at = u.delivered_at, returned_at = u.returned_at"
                + " FROM " + Sql.table(schema, UPDATES) + " AS u";
        long items = Sql.asLong(engine.queryRows("SELECT count(*) FROM " + Sql.table(schema, RawTables.ORDER_ITEMS)
                + " WHERE order_id IN (SELECT order_id FROM " + Sql.table(schema, UPDATES) + ")").get(0).get(0));
        engine.execute("UPDATE " + Sql.table(schema, RawTables.ORDERS) + " AS o" + set + " WHERE o.order_id = u.order_id");
        engine.execute("UPDATE " + Sql.table(schema, RawTables.ORDER_ITEMS) + " AS i" + set + " WHERE i.order_id = u.order_id");
        engine.execute("DROP TABLE " + Sql.table(schema, UPDATES));
        Map<String, Long> updated = new LinkedHashMap<>();
        updated.put(RawTables.ORDERS.name(), changed);
        updated.put(RawTables.ORDER_ITEMS.name(), items);
        return updated;
    }

    private static long time(Object value) {
        return value == null ? RowBuffer.NO_TIME : Sql.asLong(value);
    }

    /** An order's status and timestamps, as they move on. */
    static final class Order {
        String status;
        final long created;
        long shipped;
        long delivered;
        long returned = RowBuffer.NO_TIME;

        Order(String status, long created, long shipped, long delivered) {
            this.status = status;
            this.created = created;
            this.shipped = shipped;
            this.delivered = delivered;
        }

        /** Takes the steps that happen in (from, to]; whether there was any. */
        boolean moveOn(SplittableRandom rng, long from, long to) {
            boolean moved = false;
            for (long since = lastStep(); since != RowBuffer.NO_TIME; since = lastStep()) {
                // waiting times are memoryless, so the wait for a step begun before the period starts at its start
                since = Math.max(from, since);
                long until = "Complete".equals(status) ? Math.min(to, delivered + RETURN_WINDOW) : to;
                if (since >= until) break;
                double wait = waitDays(rng.nextDouble(), chancePerDay()) * DAY;
                if (wait > until - since) break;
                boolean cancelled = "Processing".equals(status) && rng.nextDouble() < CANCELLED_INSTEAD;
                // in (since, until]: ceil keeps it within, since until - since is whole
                step(since + Math.max(1, (long) Math.ceil(wait)), cancelled);
                moved = true;
            }
            return moved;
        }

        /** When the order reached its status, or NO_TIME when it goes no further. */
        private long lastStep() {
            return switch (status) {
                case "Processing" -> created;
                case "Shipped" -> shipped;
                case "Complete" -> delivered;
                default -> RowBuffer.NO_TIME;
            };
        }

        private double chancePerDay() {
            return switch (status) {
                case "Processing" -> SHIPS;
                case "Shipped" -> DELIVERED;
                default -> RETURNED;
            };
        }

        private void step(long at, boolean cancelled) {
            switch (status) {
                case "Processing" -> {
                    status = cancelled ? "Cancelled" : "Shipped";
                    if (!cancelled) shipped = at;
                }
                case "Shipped" -> {
                    status = "Complete";
                    delivered = at;
                }
                default -> {
                    status = "Returned";
                    returned = at;
                }
            }
        }
    }

    /**
     * Days until something that happens with {@code perDay} chance in a day happens, for {@code u} uniform in
     * [0, 1): the chance it waits more than d days is (1 - perDay)^d, whole or fractional d alike.
     */
    private static double waitDays(double u, double perDay) {
        return StrictMath.log1p(-u) / StrictMath.log1p(-perDay); // StrictMath: the same bits on every CPU (see ActivitySimulator)
    }
}
