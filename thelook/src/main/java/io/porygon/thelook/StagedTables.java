package io.porygon.thelook;

import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw tables are first written under staging names, each writer lane in its own transaction,
 * and then swapped in, all of them in one transaction: so a failed generate leaves the tables as
 * they were (a crash between the lanes' commits and the swap can leave staging tables behind,
 * which the next generate replaces, the next advance drops, and readers of the raw tables never see).
 *
 * <p>The recent events are staged apart and appended to the events in time order at the swap: the
 * layout of a table loaded day by day, whose recent end a warehouse's incremental reads can find
 * by its blocks' time ranges instead of scanning every block.
 */
final class StagedTables {
    static final String PREFIX = "_porygon_new_";
    /** How far back from the as-of time events count as recent: more than any pipeline's lookback. */
    static final long RECENT_DAYS = 30;

    private final Engine engine;
    private final String schema;

    StagedTables(Engine engine, String schema) {
        this.engine = engine;
        this.schema = schema;
    }

    Target staging(RawTable table) {
        return new Target(null, schema, PREFIX + table.name());
    }

    /** Where the recent events are staged. */
    Target recentEvents() {
        return new Target(null, schema, PREFIX + "recent_" + RawTables.EVENTS.name());
    }

    /** Appends the recent events to the others in time order, then replaces every raw table with its staging table, all at once. */
    void swapIn() {
        engine.inTransaction(() -> {
            Target recent = recentEvents();
            engine.execute("INSERT INTO " + Sql.table(schema, PREFIX + RawTables.EVENTS.name()) + " SELECT * FROM "
                    + Sql.table(schema, recent.name()) + " ORDER BY created_at, id");
            engine.drop(recent);
            for (RawTable table : RawTables.ALL) {
                engine.drop(table.target(schema));
                engine.execute("ALTER TABLE " + Sql.table(schema, PREFIX + table.name()) + " RENAME TO " + Sql.ident(table.name()));
            }
        });
    }

    /** After a failure: removes the staging tables that were committed, if any. */
    void dropQuietly() {
        List<Target> staged = new ArrayList<>();
        RawTables.ALL.forEach(table -> staged.add(staging(table)));
        staged.add(recentEvents());
        for (Target table : staged) {
            try {
                engine.drop(table);
            } catch (RuntimeException e) {
                // the original failure matters more; the next generate replaces them anyway
            }
        }
    }
}
