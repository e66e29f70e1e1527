package io.porygon.thelook;

import io.porygon.core.engine.BulkWriter;
import io.porygon.core.engine.Engine;
import java.util.List;

/** Open writers on the five growing tables, closed together ({@code --advance} appends through them). */
record TableWriters(BulkWriter users, BulkWriter orders, BulkWriter orderItems, BulkWriter inventoryItems, BulkWriter events)
        implements AutoCloseable {

    static final List<RawTable> TABLES = List.of(
            RawTables.USERS, RawTables.ORDERS, RawTables.ORDER_ITEMS, RawTables.INVENTORY_ITEMS, RawTables.EVENTS);

    /** Appends to the existing tables. */
    static TableWriters append(Engine engine, String schema) {
        BulkWriter[] w = new BulkWriter[TABLES.size()];
        for (int i = 0; i < w.length; i++) w[i] = engine.openWriter(TABLES.get(i).target(schema));
        return new TableWriters(w[0], w[1], w[2], w[3], w[4]);
    }

    @Override
    public void close() {
        closeAll(List.of(users, orders, orderItems, inventoryItems, events));
    }

    /** Closes every writer (nulls are skipped), then throws the first failure. */
    static void closeAll(List<BulkWriter> writers) {
        RuntimeException failure = null;
        for (BulkWriter w : writers) {
            if (w == null) continue;
            try {
                w.close();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw failure;
    }
}
