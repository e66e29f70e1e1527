package io.porygon.core.engine;

import io.porygon.core.graph.Target;
import java.nio.file.Path;
import java.util.List;

/**
 * What a warehouse must offer Porygon, in the spirit of dbt's adapters and Trino's connector SPI:
 * a small set of operations, with everything engine-specific behind it. Statements passed in are
 * already in the engine's dialect. One implementation per engine module.
 */
public interface Engine extends AutoCloseable {

    /** Short dialect name used by the translator: "duckdb", "bigquery", "spark". */
    String dialect();

    /** Runs one statement that returns no rows. */
    void execute(String sql);

    /** Creates the schema (BigQuery dataset) of a target when it is missing. */
    void ensureSchema(Target target);

    boolean exists(Target target);

    /** Columns of an existing table or view, in order. */
    List<Column> columns(Target target);

    /** Creates or replaces a table with the given columns, empty, and opens a writer on it. */
    BulkWriter createAndOpenWriter(Target target, List<Column> columns);

    /** Opens a writer that appends to an existing table. */
    BulkWriter openWriter(Target target);

    @Override
    void close();

    /**
     * Runs a query and returns its rows as plain Java values (Long, Double, String, ...), for small
     * results such as maxima, counts and lookups.
     */
    List<List<Object>> queryRows(String sql);

    /**
     * Creates or replaces a table from a CSV or Parquet file (by extension; the path may be a glob).
     * CSV columns are read as text so that the caller decides on types and can report bad values.
     */
    void loadFile(Target target, Path file);
}
