package io.porygon.core.graph;

/** How an incremental run writes its new rows (Dataform's {@code incrementalStrategy}). */
public enum IncrementalStrategy {
    /** Not set: merged on {@code uniqueKey} when there is one, else appended. */
    UNSPECIFIED,
    /** Merged on {@code uniqueKey}. */
    MERGE,
    /** The table's partitions that the new rows fall in are replaced by them ({@code bigquery.partitionBy}). */
    INSERT_OVERWRITE;

    /** The value as {@code dataform compile --json} writes it. */
    public String jsonName() {
        return this == UNSPECIFIED ? "INCREMENTAL_STRATEGY_UNSPECIFIED" : name();
    }

    /** The compiled value, UNSPECIFIED when unset. */
    public static IncrementalStrategy of(String compiled) {
        return compiled == null ? UNSPECIFIED : valueOf(compiled);
    }
}
