package io.porygon.core.run;

/** How the runner carries out one planned action. */
public enum Step {
    /** A declaration: the source must exist. */
    CHECK_SOURCE("check source"),
    /**
     * A declaration an operation of the run reads: not checked, since the operation may create it
     * (Dataform checks no source); a model reading it fails with its own error if it is still missing.
     */
    UNCHECKED_SOURCE("source (read by an operation)"),
    /** Build under a temporary name, then swap in. */
    BUILD_TABLE("table"),
    CREATE_VIEW("view"),
    /** An incremental table built from scratch (first run or --full-refresh). */
    BUILD_INCREMENTAL("incremental (full build)"),
    /** An incremental table without unique key: new rows are appended. */
    APPEND_INCREMENT("incremental (insert)"),
    /** An incremental table with a unique key: new rows are merged on it. */
    MERGE_INCREMENT("incremental (merge)"),
    /** An incremental table with {@code incrementalStrategy: INSERT_OVERWRITE}: the partitions the new rows fall in are replaced. */
    REPLACE_PARTITIONS("incremental (insert overwrite)"),
    RUN_OPERATIONS("operations"),
    CHECK_ASSERTION("assertion"),
    /** Disabled in its config: not run, its dependents run as if it had succeeded. */
    DISABLED("disabled");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    /** Whether the step writes an increment into an existing table (the incremental query and operations apply). */
    public boolean isIncrement() {
        return this == APPEND_INCREMENT || this == MERGE_INCREMENT || this == REPLACE_PARTITIONS;
    }

    public String label() {
        return label;
    }
}
