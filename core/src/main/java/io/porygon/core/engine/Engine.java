package io.porygon.core.engine;

import io.porygon.core.graph.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a warehouse must offer Porygon, in the spirit of dbt's adapters and Trino's connector SPI:
 * a small set of operations, with everything engine-specific behind it. Statements and SELECTs
 * passed in are already in the engine's dialect; targets are already mapped to the engine's names
 * (the runner decides what a BigQuery project becomes). One implementation per engine module.
 *
 * <p>An instance is used by one thread at a time; {@link #openSession()} gives each worker its own.
 */
public interface Engine extends AutoCloseable {

    /** Short dialect name used by the translator: "duckdb", "bigquery", "spark". */
    String dialect();

    /** Runs one statement that returns no rows. */
    void execute(String sql);

    /** Runs one statement and returns the number of rows it changed, or -1 when unknown. */
    long executeUpdate(String sql);

    /**
     * Runs a query; keeps the first {@code maxRows} rows and counts all of them. A NULL array of a column comes back as an
     * empty list, as BigQuery returns it.
     */
    QueryResult query(String sql, int maxRows);

    /** Creates the schema (BigQuery dataset) of a target when it is missing. */
    void ensureSchema(Target target);

    boolean exists(Target target);

    /** Whether the name holds a table, a view, or nothing. */
    ObjectKind kind(Target target);

    /** Columns of an existing table or view, in order. */
    List<Column> columns(Target target);

    long rowCount(Target target);

    /**
     * Atomically creates or replaces a table (or view of that name) with the result of a SELECT:
     * readers see the old content until the new one is complete, and a failure keeps the old one.
     *
     * @return the number of rows of the new table
     */
    long replaceTable(Target target, String select);

    /**
     * Creates or replaces a view (replacing a table of that name in one transaction). An engine may keep a view that
     * already holds the query ({@link #viewHolds}) and still binds.
     */
    void replaceView(Target target, String select);

    /**
     * Whether {@code view} is already a view of {@code select}, so that {@link #replaceView} would change nothing but
     * the time it takes, unless a table under it changed its columns. An engine that cannot tell cheaply says no.
     */
    default boolean viewHolds(Target view, String select) {
        return false;
    }

    /**
     * Statements other than the runner's own may have created, replaced or dropped views: the project's (operations,
     * pre- and post-operations), or anything since the last run. What {@link #viewHolds} knows of the views is read again.
     */
    default void catalogMayHaveChanged() {}

    /**
     * Creates or replaces a scratch table that nothing else reads (an increment's new rows) and returns
     * its columns. Unlike {@link #replaceTable}, it counts no rows and is no change of columns that views
     * could depend on.
     */
    List<Column> stageTable(Target staging, String select);

    /**
     * BigQuery resolves a view's columns each time it is queried. An engine that fixes them when the
     * view is created re-creates the views whose tables have changed columns since, so that running
     * only some tables leaves no view of the others broken; a view that no longer compiles stays as
     * it is, to fail with its own error when queried. Views are looked at only when the engine changed the
     * columns of a table or view since the last call, or {@code afterProjectStatements}: when statements
     * the project wrote (operations, pre- and post-operations) ran, which may have changed any.
     */
    default void refreshStaleViews(boolean afterProjectStatements) {}

    /**
     * Splits the machine's cores {@code ways} ways between the queries of the sessions (1: each query may
     * use them all). Called by the runner as the actions running at once change.
     */
    default void shareCores(int ways) {}

    /**
     * Makes {@code wildcard} ({@code events_*}) a view of the tables its prefix starts, each row with its
     * table's name past the prefix as {@code _TABLE_SUFFIX}, as BigQuery reads a wildcard table; returns
     * how many tables it holds (none: no view).
     */
    default int refreshWildcardView(Target wildcard) {
        throw new UnsupportedOperationException("wildcard tables are not supported by this engine");
    }

    /** Appends the named columns of {@code source} to {@code target}; returns rows inserted. */
    long insertFrom(Relation target, Relation source, List<String> columns);

    /**
     * Merges {@code source} into {@code target} on {@code uniqueKey}: matching rows are updated, the
     * others inserted; returns the rows written. With a {@code targetFilter} (an expression in the
     * engine's dialect on the alias {@code t}; null for none) only the table rows it holds for are
     * matched, as Dataform's {@code updatePartitionFilter} does: a new row whose match lies outside is
     * inserted.
     */
    long mergeFrom(Relation target, Relation source, List<String> columns, List<String> uniqueKey, String targetFilter);

    /**
     * Replaces the partitions of {@code target} that the rows of {@code source} fall in (the distinct
     * non-NULL values of {@code partitionBy}, an expression in the engine's dialect on either table's
     * columns) by those rows, as Dataform's {@code INSERT_OVERWRITE} strategy does; {@code targetFilter}
     * (on the alias {@code t}, or null) limits the rows deleted. Returns the rows inserted.
     */
    long replacePartitions(Relation target, Relation source, List<String> columns, String partitionBy, String targetFilter);

    /** Adds columns to an existing table (they are NULL in existing rows, an array empty as BigQuery reads a REPEATED column). */
    void addColumns(Target target, List<Column> columns);

    /** Drops columns of an existing table. */
    void dropColumns(Target target, List<String> columns);

    /** Drops a table or view when it exists. */
    void drop(Target target);

    /** Runs {@code work} in one transaction: all of its statements take effect, or none. */
    void inTransaction(Runnable work);

    /** Cancels the statement running on this session, if any, from another thread. */
    void cancel();

    /** Opens another session on the same warehouse for another thread; close it when done. */
    Engine openSession();

    /** Estimated rows a SELECT reads or returns, where the engine's planner says so. */
    default OptionalLong estimateRows(String select) {
        return OptionalLong.empty();
    }

    /** Creates or replaces a table with the given columns, empty, and opens a writer on it. */
    BulkWriter createAndOpenWriter(Target target, List<Column> columns);

    /** Opens a writer that appends to an existing table. */
    BulkWriter openWriter(Target target);

    @Override
    void close();

    /**
     * Runs a query and returns all its rows as plain Java values (Long, Double, String, ...), for
     * small results such as maxima, counts and lookups.
     */
    default List<List<Object>> queryRows(String sql) {
        return query(sql, Integer.MAX_VALUE).rows();
    }

    /** The column {@link #loadFile} adds: the name of the file each row was read from. */
    String FILE_COLUMN = "_porygon_file";

    /**
     * Creates or replaces a table from a CSV, newline-delimited JSON or Parquet file (by extension:
     * .csv, .csv.gz, .json, .json.gz, .parquet; the path may be a glob). CSV and JSON columns are read
     * as text so that the caller decides on types and can report bad values; a JSON key that no record
     * has is no column.
     * The table has one more column, {@link #FILE_COLUMN}, and keeps the rows in the files' order,
     * so that a bad value can be placed at its file and row.
     */
    void loadFile(Target target, Path file);
}
