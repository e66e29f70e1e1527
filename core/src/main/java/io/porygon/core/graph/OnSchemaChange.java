package io.porygon.core.graph;

import java.util.Locale;

/**
 * What an incremental run does when the incremental query's columns differ from the table's
 * (Dataform's {@code onSchemaChange}).
 */
public enum OnSchemaChange {
    /** Writes only the columns the table has (Dataform's default). */
    IGNORE,
    /** Fails the action when a column was added or removed. */
    FAIL,
    /** Adds new columns to the table. */
    EXTEND,
    /** Adds new columns and drops the ones the query no longer has. */
    SYNCHRONIZE;

    /** The config value, IGNORE when unset. */
    public static OnSchemaChange of(String configValue) {
        return configValue == null ? IGNORE : valueOf(configValue.toUpperCase(Locale.ROOT));
    }
}
