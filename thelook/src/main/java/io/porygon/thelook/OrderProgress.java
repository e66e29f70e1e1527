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
 * cancelled instead), a Shipped one is delivered with chance 0.45, and one delivered within 30 days is
 * returned with chance 0.015. An order may take several steps in one period, each in the time left
 * after the last: so a week does what seven days do, and a day what 48 half-hours do.
 */
final class OrderProgress {
    private static final String UPDATES = "porygon_advance_updates";
    private static final double SHIPS = 0.6;
    private static final double CANCELLED_INSTEAD = 0.05;
    private static final double DELIVERED = 0.45;
    private static final double RETURNED = 0.015;

    private OrderProgress() {}

    /** Rows updated per table. */
    static Map<String, Long> apply(Engine engine, String schema, SplittableRandom rng, long from, long to, long maxOrderId) {
        List<List<Object>> candidates = engine.queryRows("SELECT order_id, status, epoch_us(created_at), epoch_us(shipped_at),"
                + " epoch_us(delivered_at) FROM " + Sql.table(schema, RawTables.ORDERS)
                + " WHERE order_id <= " + maxOrderId + " AND (status IN ('Processing', 'Shipped')"
                + " OR (status = 'Complete' AND epoch_us(delivered_at) >= " + (from - 30 * DAY) + "))"
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
    private static final class Order {
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
                since = Math.max(from, since);
                double chance = chanceWithin(chancePerDay(), (double) (to - since) / DAY);
                double u = rng.nextDouble();
                double when = rng.nextDouble();
                if (u >= chance) break;
                step(at(since, to, when), u < chance * CANCELLED_INSTEAD);
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

    /** The chance that something that happens with {@code perDay} chance in a day happens within {@code days}. */
    private static double chanceWithin(double perDay, double days) {
        return 1 - Math.pow(1 - perDay, days);
    }

    /** A time in (lo, hi], at fraction {@code f} of the way. */
    private static long at(long lo, long hi, double f) {
        return hi <= lo + 1 ? Math.max(lo, hi) : lo + 1 + (long) (f * (hi - lo - 1));
    }
}
