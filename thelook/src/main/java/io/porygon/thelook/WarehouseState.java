package io.porygon.thelook;

import io.porygon.core.PorygonException;
import io.porygon.core.SourceLocation;
import io.porygon.core.engine.Engine;
import java.util.Arrays;
import java.util.List;

/**
 * What --advance needs to know about the raw tables before it starts: the id maxima, the latest
 * timestamp, the first sign-up and the numbers of users and orders.
 */
record WarehouseState(long[] maxIds, long latest, long firstSignup, long users, long orders) {

    /** What identifies these tables' content for the generator's clock: the id maxima and the latest timestamp. */
    Mark mark() {
        return new Mark(maxIds.clone(), latest);
    }

    record Mark(long[] maxIds, long latest) {
        boolean sameAs(Mark other) {
            return latest == other.latest && Arrays.equals(maxIds, other.maxIds);
        }
    }

    static WarehouseState read(Engine engine, String schema) {
        String u = Sql.table(schema, RawTables.USERS);
        String o = Sql.table(schema, RawTables.ORDERS);
        String sql = "SELECT"
                + " (SELECT max(id) FROM " + u + "),"
                + " (SELECT max(order_id) FROM " + o + "),"
                + " (SELECT max(id) FROM " + Sql.table(schema, RawTables.ORDER_ITEMS) + "),"
                + " (SELECT max(id) FROM " + Sql.table(schema, RawTables.INVENTORY_ITEMS) + "),"
                + " (SELECT max(id) FROM " + Sql.table(schema, RawTables.EVENTS) + "),"
                + " (SELECT epoch_us(max(created_at)) FROM " + u + "),"
                + " (SELECT epoch_us(max(created_at)) FROM " + o + "),"
                + " (SELECT epoch_us(max(shipped_at)) FROM " + o + "),"
                + " (SELECT epoch_us(max(delivered_at)) FROM " + o + "),"
                + " (SELECT epoch_us(max(returned_at)) FROM " + o + "),"
                + " (SELECT epoch_us(max(created_at)) FROM " + Sql.table(schema, RawTables.EVENTS) + "),"
                + " (SELECT epoch_us(min(created_at)) FROM " + u + "),"
                + " (SELECT count(*) FROM " + u + "),"
                + " (SELECT count(*) FROM " + o + ")";
        List<Object> r = engine.queryRows(sql).get(0);
        long[] maxIds = new long[IdSequence.values().length];
        for (int i = 0; i < 5; i++) maxIds[i] = r.get(i) == null ? 0 : Sql.asLong(r.get(i));
        long latest = Long.MIN_VALUE;
        for (int i = 5; i <= 10; i++) if (r.get(i) != null) latest = Math.max(latest, Sql.asLong(r.get(i)));
        if (latest == Long.MIN_VALUE) {
            throw new PorygonException(SourceLocation.of(schema), "cannot advance: the raw tables of " + schema + " are empty",
                    "generate the data first: porygon generate --scale 0.1");
        }
        long first = r.get(11) == null ? latest : Sql.asLong(r.get(11));
        return new WarehouseState(maxIds, latest, first, Sql.asLong(r.get(12)), Sql.asLong(r.get(13)));
    }
}
