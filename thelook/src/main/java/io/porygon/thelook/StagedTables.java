package io.porygon.thelook;

import io.porygon.core.engine.Engine;
import io.porygon.core.graph.Target;

/**
 * The raw tables are first written under staging names, each writer lane in its own transaction,
 * and then swapped in, all of them in one transaction: so a failed generate leaves the tables as
 * they were (a crash between the lanes' commits and the swap can leave staging tables behind,
 * which the next generate replaces and readers of the raw tables never see).
 */
final class StagedTables {
    static final String PREFIX = "_porygon_new_";

    private final Engine engine;
    private final String schema;

    StagedTables(Engine engine, String schema) {
        this.engine = engine;
        this.schema = schema;
    }

    Target staging(RawTable table) {
        return new Target(null, schema, PREFIX + table.name());
    }

    /** Replaces every raw table with its staging table, all at once. */
    void swapIn() {
        engine.inTransaction(() -> {
            for (RawTable table : RawTables.ALL) {
                engine.drop(table.target(schema));
                engine.execute("ALTER TABLE " + Sql.table(schema, PREFIX + table.name()) + " RENAME TO " + Sql.ident(table.name()));
            }
        });
    }

    /** After a failure: removes the staging tables that were committed, if any. */
    void dropQuietly() {
        for (RawTable table : RawTables.ALL) {
            try {
                engine.drop(staging(table));
            } catch (RuntimeException e) {
                // the original failure matters more; the next generate replaces them anyway
            }
        }
    }
}
